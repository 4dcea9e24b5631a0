// The process end to end: ready line, Hello/Welcome, version mismatch, commands before
// Hello, socket permissions, and stopping by command and by signal.
#include "support/Offline.h"

#include "loophole/ipc/ProtocolVersion.h"

#include <filesystem>
#include <sys/stat.h>

using namespace loophole::signal;
namespace ipc = loophole::ipc;
using namespace loophole::signal::testing;

TEST(Handshake, ReadyLineThenWelcomeWithTheDeviceFormat)
{
    SignalProcess server(uniqueSocketPath("hello"), offlineArgs(48000, 256));
    ASSERT_TRUE(server.ready());
    EXPECT_EQ(server.line(), "loophole-signal: listening on " + server.socket() + " (offline, 48000 Hz, 256 frames)");

    SignalClient client(server.socket());
    ASSERT_TRUE(client.connected());
    auto reply = client.hello(ipc::kProtocolMajor, ipc::kProtocolMinor);
    ASSERT_TRUE(reply);
    ASSERT_EQ(reply->body.type, ipc::Body::Welcome);
    const auto* welcome = reply->body.AsWelcome();
    EXPECT_EQ(reply->reply_to, 1u);
    EXPECT_EQ(welcome->protocol_major, ipc::kProtocolMajor);
    EXPECT_EQ(welcome->pid, uint32_t(server.pid()));
    EXPECT_EQ(welcome->sample_rate, 48000u);
    EXPECT_EQ(welcome->buffer_size, 256u);
    EXPECT_EQ(welcome->backend, "offline");
    EXPECT_TRUE(answersPing(client));
}

TEST(Handshake, IncompatibleMajorIsRefusedNamingBothVersions)
{
    SignalProcess server(uniqueSocketPath("major"), offlineArgs());
    ASSERT_TRUE(server.ready());

    SignalClient client(server.socket());
    auto reply = client.hello(ipc::kProtocolMajor + 1, 7);
    const auto* error = asError(reply);
    ASSERT_NE(error, nullptr);
    EXPECT_EQ(error->code, ipc::ErrorCode::IncompatibleVersion);
    const auto theirs = std::to_string(ipc::kProtocolMajor + 1) + ".7";
    const auto ours = std::to_string(ipc::kProtocolMajor) + "." + std::to_string(ipc::kProtocolMinor);
    EXPECT_NE(error->message.find(theirs), std::string::npos) << error->message;
    EXPECT_NE(error->message.find(ours), std::string::npos) << error->message;
    EXPECT_TRUE(client.closedByPeer());

    SignalClient other(server.socket());
    ASSERT_TRUE(other.handshake());
    EXPECT_TRUE(answersPing(other));
}

TEST(Handshake, CommandsBeforeHelloAreRefused)
{
    SignalProcess server(uniqueSocketPath("early"), offlineArgs());
    ASSERT_TRUE(server.ready());

    SignalClient client(server.socket());
    auto reply = client.request(ping(5));
    const auto* error = asError(reply);
    ASSERT_NE(error, nullptr);
    EXPECT_EQ(error->code, ipc::ErrorCode::HandshakeRequired);
    EXPECT_EQ(reply->reply_to, 1u);

    ASSERT_TRUE(client.handshake());
    EXPECT_TRUE(answersPing(client));
}

TEST(Handshake, SocketIsPrivateToItsOwner)
{
    SignalProcess server(uniqueSocketPath("mode"), offlineArgs());
    ASSERT_TRUE(server.ready());
    struct stat socketInfo {}, dirInfo {};
    ASSERT_EQ(::stat(server.socket().c_str(), &socketInfo), 0);
    EXPECT_TRUE(S_ISSOCK(socketInfo.st_mode));
    EXPECT_EQ(socketInfo.st_mode & 0777, 0600u);
    ASSERT_EQ(::stat(std::filesystem::path(server.socket()).parent_path().c_str(), &dirInfo), 0);
    EXPECT_EQ(dirInfo.st_mode & 0777, 0700u);
}

TEST(Handshake, ASecondServerOnTheSameSocketIsRefused)
{
    SignalProcess first(uniqueSocketPath("twice"), offlineArgs());
    ASSERT_TRUE(first.ready());
    SignalProcess second(first.socket(), offlineArgs());
    EXPECT_FALSE(second.ready());
    EXPECT_EQ(second.waitForExit(10000), 1);

    SignalClient client(first.socket());
    ASSERT_TRUE(client.handshake());
    EXPECT_TRUE(answersPing(client));
}

TEST(Lifecycle, ShutdownCommandStopsTheProcessCleanly)
{
    SignalProcess server(uniqueSocketPath("shutdown"), offlineArgs());
    ASSERT_TRUE(server.ready());
    SignalClient client(server.socket());
    ASSERT_TRUE(client.handshake());
    EXPECT_TRUE(isAck(client.request(SignalClient::frameOf(ipc::ShutdownT {}))));
    EXPECT_EQ(server.waitForExit(10000), 0);
    EXPECT_FALSE(std::filesystem::exists(server.socket()));
}

TEST(Lifecycle, SigtermStopsTheProcessCleanly)
{
    SignalProcess server(uniqueSocketPath("sigterm"), offlineArgs());
    ASSERT_TRUE(server.ready());
    SignalClient client(server.socket());
    ASSERT_TRUE(client.handshake());
    EXPECT_EQ(server.terminate(), 0);
    EXPECT_FALSE(std::filesystem::exists(server.socket()));
}

TEST(Lifecycle, HelpAndBadOptions)
{
    EXPECT_EQ(WEXITSTATUS(std::system(LOOPHOLE_SIGNAL_BINARY " --help > /dev/null")), 0);
    EXPECT_EQ(WEXITSTATUS(std::system(LOOPHOLE_SIGNAL_BINARY " --backend nope 2> /dev/null")), 2);
}

TEST(Lifecycle, AutoBackendFallsBackWhenNoJackServerRuns)
{
    SignalProcess server(uniqueSocketPath("auto"), { "--backend", "auto" },
                         { "JACK_DEFAULT_SERVER=loophole-no-such-server" });
    ASSERT_TRUE(server.ready());
    const bool alsa = server.line().find("(alsa, ") != std::string::npos;
    const bool offline = server.line().find("(offline, 48000 Hz, 256 frames)") != std::string::npos;
    EXPECT_TRUE(alsa || offline) << server.line();

    SignalClient client(server.socket());
    auto welcome = client.hello(ipc::kProtocolMajor, ipc::kProtocolMinor);
    ASSERT_TRUE(welcome && welcome->body.type == ipc::Body::Welcome);
    EXPECT_EQ(welcome->body.AsWelcome()->backend, alsa ? "alsa" : "offline");
}
