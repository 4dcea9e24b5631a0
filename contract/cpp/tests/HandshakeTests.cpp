#include "loophole/contract/Handshake.h"
#include "loophole/ipc/ProtocolVersion.h"

#include <gtest/gtest.h>

using namespace loophole;

TEST(Handshake, AcceptsTheSameMajorWithAnyMinor)
{
    EXPECT_TRUE(contract::checkPeerVersion(ipc::kProtocolMajor, ipc::kProtocolMinor).compatible);
    EXPECT_TRUE(contract::checkPeerVersion(ipc::kProtocolMajor, ipc::kProtocolMinor + 5).compatible);
}

TEST(Handshake, RejectsAnotherMajorWithBothVersionsNamed)
{
    const auto check = contract::checkPeerVersion(ipc::kProtocolMajor + 1, 0);
    EXPECT_FALSE(check.compatible);
    EXPECT_NE(check.message.find("incompatible protocol version"), std::string::npos);
    EXPECT_NE(check.message.find(std::to_string(ipc::kProtocolMajor + 1) + ".0"), std::string::npos);
}
