#include "app/Options.h"
#include "ipc/SocketPath.h"

#include <gtest/gtest.h>

#include <cstdlib>

using namespace loophole::signal;

namespace {

std::optional<Options> parse(std::vector<const char*> args, std::string& error)
{
    args.insert(args.begin(), "loophole-signal");
    return parseOptions(int(args.size()), args.data(), error);
}

} // namespace

TEST(Options, DefaultsToAutoBackendAndSixtyHertzTelemetry)
{
    std::string error;
    const auto options = parse({}, error);
    ASSERT_TRUE(options);
    EXPECT_EQ(options->backend, "auto");
    EXPECT_EQ(options->telemetryHz, 60.0f);
    EXPECT_TRUE(options->socketPath.empty());
}

TEST(Options, ReadsEveryOption)
{
    std::string error;
    const auto options = parse({ "--socket", "/tmp/x.sock", "--backend", "offline", "--device", "hw:1",
                                 "--sample-rate", "44100", "--buffer-size", "128", "--telemetry-hz", "30",
                                 "--isolation", "per-vendor" },
                               error);
    ASSERT_TRUE(options) << error;
    EXPECT_EQ(options->socketPath, "/tmp/x.sock");
    EXPECT_EQ(options->backend, "offline");
    EXPECT_EQ(options->device, "hw:1");
    EXPECT_EQ(options->sampleRate, 44100.0);
    EXPECT_EQ(options->bufferSize, 128);
    EXPECT_EQ(options->telemetryHz, 30.0f);
    EXPECT_EQ(options->isolation, "per-vendor");
}

TEST(Options, RefusesBadValuesWithTheReason)
{
    std::string error;
    EXPECT_FALSE(parse({ "--backend", "coreaudio" }, error));
    EXPECT_NE(error.find("coreaudio"), std::string::npos);
    EXPECT_FALSE(parse({ "--sample-rate", "nan" }, error));
    EXPECT_NE(error.find("--sample-rate"), std::string::npos);
    EXPECT_FALSE(parse({ "--buffer-size", "100000" }, error));
    EXPECT_FALSE(parse({ "--socket" }, error));
    EXPECT_NE(error.find("needs a value"), std::string::npos);
    EXPECT_FALSE(parse({ "--frobnicate", "1" }, error));
    EXPECT_FALSE(parse({ "--isolation", "none" }, error));
    EXPECT_NE(error.find("in-engine, shared, per-vendor or per-plugin"), std::string::npos);
}

TEST(SocketPath, PrefersXdgRuntimeDir)
{
    const char* saved = std::getenv("XDG_RUNTIME_DIR");
    const std::string restore = saved ? saved : "";
    ::setenv("XDG_RUNTIME_DIR", "/run/user/1234", 1);
    EXPECT_EQ(defaultSocketPath(), "/run/user/1234/loophole/signal.sock");
    ::unsetenv("XDG_RUNTIME_DIR");
    EXPECT_EQ(defaultSocketPath(), "/tmp/loophole-" + std::to_string(::getuid()) + "/signal.sock");
    if (saved != nullptr)
        ::setenv("XDG_RUNTIME_DIR", restore.c_str(), 1);
}

TEST(SocketPath, RefusesAPathTooLongForUnixSockets)
{
    std::string error;
    EXPECT_LT(listenOnUnixSocket("/tmp/" + std::string(200, 'x'), error), 0);
    EXPECT_NE(error.find("characters long"), std::string::npos);
}
