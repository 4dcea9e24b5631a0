#include "telemetry/PluginFaultWatch.h"

#include <gtest/gtest.h>

using namespace loophole::signal;
namespace ipc = loophole::ipc;

namespace {

std::vector<ipc::PluginStatus> statuses(std::initializer_list<std::pair<uint32_t, ipc::PluginStatusCode>> list)
{
    std::vector<ipc::PluginStatus> out;
    for (auto [id, status] : list)
        out.emplace_back(id, status, 0);
    return out;
}

} // namespace

TEST(PluginFaultWatch, ReportsEachFaultOnceWithItsReasonAndAgainAfterARecovery)
{
    using enum ipc::PluginStatusCode;
    PluginFaultWatch watch;
    const auto reason = [](uint32_t id) { return "host of " + std::to_string(id) + " killed by SIGKILL"; };

    EXPECT_TRUE(watch.update(statuses({ { 1, Ok }, { 2, Ok } }), reason).empty());
    auto began = watch.update(statuses({ { 1, Crashed }, { 2, Ok } }), reason);
    ASSERT_EQ(began.size(), 1u);
    EXPECT_EQ(began[0].processor, 1u);
    EXPECT_EQ(began[0].status, Crashed);
    EXPECT_EQ(began[0].reason, "host of 1 killed by SIGKILL");
    EXPECT_TRUE(watch.update(statuses({ { 1, Crashed }, { 2, Ok } }), reason).empty()) << "once per fault";

    EXPECT_TRUE(watch.update(statuses({ { 1, Ok }, { 2, Ok } }), reason).empty()); // reloaded
    began = watch.update(statuses({ { 1, Ok }, { 2, Hung } }), {});
    ASSERT_EQ(began.size(), 1u);
    EXPECT_EQ(began[0].processor, 2u);
    EXPECT_EQ(began[0].reason, "the plugin hangs") << "a fault without known words still says what happened";
    EXPECT_TRUE(watch.update(statuses({ { 1, Ok }, { 2, Crashed } }), reason).empty()) << "a hung host killed: same fault";
    EXPECT_EQ(watch.update(statuses({ { 1, Crashed }, { 2, Crashed } }), reason).size(), 1u) << "1 failed again";
}
