// Plugins in sandbox processes, through the real loophole-signal (issue 5).
//
// SwitchingIsolationMovesThePluginWithItsState: a plugin moved between in-engine and its own
// host by a graph change keeps the state the user gave it.
// ACrashedHost...: kill -9 of a host reaches every client as one PluginFault with the reason.
// AnOfflineRender... / AHungHost...: renders wait for a slow sandboxed plugin (bit-identical to
// in-engine) and fail with a clear error when its host hangs past the safety timeout, or at
// once when it is killed mid-block (the kernel's robust-futex notice ends the wait).
//
// SandboxSoak (run alone, with the other soaks), issue 5's done-when: under jackd -d dummy
// (48 kHz, 64 frames) four tracks play, one through a zam plugin in its own sandbox process,
// one through the same plugin in-engine.
// kill -9 of that plugin's host: no audio callback of the engine overruns its block (the
// engine's own xruns; jackd's count, which also has the machine's, is printed beside a
// trivial client's baseline), the other tracks' meters do not move, the plugin
// is reported Crashed and its track falls silent; ReloadPlugin restarts the host and the
// track sounds as before, with the plugin's state (a changed makeup gain) intact.
#include "support/JackServer.h"
#include "support/Offline.h"
#include "support/Playback.h"
#include "support/PluginHosts.h"

#include <juce_audio_formats/juce_audio_formats.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <thread>

using namespace loophole::signal;
namespace ipc = loophole::ipc;
using namespace loophole::signal::testing;

namespace {

constexpr uint32_t kSandboxed = 1000; // the plugin on track 100, in its own host
constexpr uint32_t kInEngine = 1001;  // the same plugin on track 101, in the engine

std::optional<ipc::PluginStatusCode> statusOf(SignalClient& client, uint32_t processor)
{
    auto frame = client.waitFor([](const ipc::FrameT& f) { return f.body.type == ipc::Body::Telemetry; }, 2s);
    if (! frame)
        return std::nullopt;
    for (const auto& p : frame->body.AsTelemetry()->plugins)
        if (p.processor() == processor)
            return p.status();
    return std::nullopt;
}

std::vector<uint8_t> stateOf(SignalClient& client, uint32_t processor)
{
    ipc::GetPluginStateT get;
    get.processor = processor;
    auto reply = client.request(SignalClient::frameOf(get));
    return reply && reply->body.type == ipc::Body::PluginState ? reply->body.AsPluginState()->state
                                                                : std::vector<uint8_t> {};
}

/// One track playing `files` (looping) with `plugin` as its insert kSandboxed.
ipc::FrameT graphWithPlugin(const ipc::PluginDescriptionT& plugin, ipc::IsolationMode isolation,
                            const std::vector<std::string>& files)
{
    auto load = loadTracks(files, 48000, 120.0);
    for (auto& channel : load.body.AsLoadGraph()->snapshot->channels)
        if (channel->id == kFirstTrackId) {
            auto insert = std::make_unique<ipc::ProcessorT>();
            insert->id = kSandboxed;
            insert->format = plugin.format;
            insert->plugin_uid = plugin.uid;
            insert->isolation = isolation;
            channel->processors.push_back(std::move(insert));
        }
    return load;
}

constexpr const char* kZamCompX2 = "/usr/lib/clap/ZamCompX2.clap";

std::optional<ipc::PluginDescriptionT> scanZamCompX2(SignalClient& client)
{
    return scanPlugin(client, kZamCompX2);
}

/// Why the tests with ZamCompX2 cannot run here; empty when they can.
std::string whyZamCompX2CannotRun()
{
    if (! LOOPHOLE_SIGNAL_HAS_PLUGINS)
        return "this build hosts no plugins";
    if (! std::filesystem::exists(kZamCompX2))
        return "zam-plugins is not installed";
    return {};
}

/// An offline loophole-signal, a client that has shaken hands with it, and the plugin at
/// `path` as the server scanned it.
struct OfflineServerWithPlugin
{
    OfflineServerWithPlugin(const std::string& name, const std::string& path)
        : server(uniqueSocketPath(name), offlineArgs()), client(server.socket()),
          plugin(server.ready() && client.handshake() ? scanPlugin(client, path) : std::nullopt)
    {
    }

    ::testing::AssertionResult ready() const
    {
        if (! server.ready())
            return ::testing::AssertionFailure() << "loophole-signal did not start";
        if (! plugin)
            return ::testing::AssertionFailure() << "no handshake, or the plugin did not scan";
        return ::testing::AssertionSuccess();
    }

    SignalProcess server;
    SignalClient client;
    const std::optional<ipc::PluginDescriptionT> plugin;
};

bool isFaultOf(const ipc::FrameT& frame, uint32_t processor)
{
    return frame.body.type == ipc::Body::PluginFault && frame.body.AsPluginFault()->processor == processor;
}

uint32_t makeupOf(const ipc::PluginDescriptionT& plugin)
{
    for (const auto& p : plugin.parameters)
        if (p->name.find("akeup") != std::string::npos) // "Makeup" in any format's naming
            return p->index;
    return UINT32_MAX;
}

} // namespace

TEST(PluginSandbox, SwitchingIsolationMovesThePluginWithItsState)
{
    if (const auto why = whyZamCompX2CannotRun(); ! why.empty())
        GTEST_SKIP() << why;
    OfflineServerWithPlugin offline("sandbox-switch", kZamCompX2);
    ASSERT_TRUE(offline.ready());
    auto& [server, client, plugin] = offline;
    const uint32_t makeup = makeupOf(*plugin);
    ASSERT_NE(makeup, UINT32_MAX);
    const auto files = makeTrackFiles(std::filesystem::temp_directory_path() / "lsbx-wavs", 1, 48000);

    ASSERT_TRUE(isAck(client.request(graphWithPlugin(*plugin, ipc::IsolationMode::InEngine, files), 60s)));
    ASSERT_TRUE(isAck(client.request(subscribe(30.0f))));
    ASSERT_TRUE(isAck(client.request(transport(ipc::TransportAction::Play, 0))));
    auto level = [&] {
        watchTelemetry(client, 300ms); // frames from before the change
        return watchTelemetry(client, 1s).loudest[kFirstTrackId];
    };
    const float plain = level();
    ipc::SetParameterT set;
    set.address = std::make_unique<ipc::ParameterAddress>(kSandboxed, makeup);
    set.value = 0.5f;
    ASSERT_TRUE(isAck(client.request(SignalClient::frameOf(std::move(set)))));
    const float changed = level();
    ASSERT_GT(changed, plain * 1.05f) << "the makeup gain did not sound";
    EXPECT_TRUE(pluginHostsOf(server.pid()).empty());

    ASSERT_TRUE(isAck(client.request(graphWithPlugin(*plugin, ipc::IsolationMode::PerPlugin, files), 60s)));
    EXPECT_EQ(pluginHostsOf(server.pid()).size(), 1u);
    EXPECT_NEAR(level(), changed, 0.03f * changed) << "the state did not move into the sandbox";

    ASSERT_TRUE(isAck(client.request(graphWithPlugin(*plugin, ipc::IsolationMode::InEngine, files), 60s)));
    EXPECT_NEAR(level(), changed, 0.03f * changed) << "the state did not move back into the engine";
    for (int i = 0; i < 150 && ! pluginHostsOf(server.pid()).empty(); ++i)
        std::this_thread::sleep_for(20ms);
    EXPECT_TRUE(pluginHostsOf(server.pid()).empty()) << "the host outlived its only plugin";
}

TEST(PluginSandbox, TheIsolationOptionDecidesWhereAPluginWithoutAModeOfItsOwnRuns)
{
    if (const auto why = whyZamCompX2CannotRun(); ! why.empty())
        GTEST_SKIP() << why;
    const auto files = makeTrackFiles(std::filesystem::temp_directory_path() / "lsbx-wavs", 1, 48000);
    auto hostsWith = [&](std::vector<std::string> args) -> std::optional<size_t> {
        SignalProcess server(uniqueSocketPath("sandbox-default"), std::move(args));
        if (! server.ready())
            return std::nullopt;
        SignalClient client(server.socket());
        const auto plugin = client.handshake() ? scanZamCompX2(client) : std::nullopt;
        if (! plugin || ! isAck(client.request(graphWithPlugin(*plugin, ipc::IsolationMode::Default, files), 60s)))
            return std::nullopt;
        return pluginHostsOf(server.pid()).size();
    };
    auto shared = offlineArgs();
    shared.insert(shared.end(), { "--isolation", "shared" });
    EXPECT_EQ(hostsWith(offlineArgs()), std::optional<size_t>(0)) << "in-engine is the default";
    EXPECT_EQ(hostsWith(shared), std::optional<size_t>(1)) << "--isolation shared did not sandbox a Default plugin";
}

TEST(PluginSandbox, ACrashedHostIsReportedOnceWithItsReasonAndAgainAfterReload)
{
    if (const auto why = whyZamCompX2CannotRun(); ! why.empty())
        GTEST_SKIP() << why;
    OfflineServerWithPlugin offline("sandbox-fault", kZamCompX2);
    ASSERT_TRUE(offline.ready());
    auto& [server, client, plugin] = offline;
    const auto files = makeTrackFiles(std::filesystem::temp_directory_path() / "lsbx-wavs", 1, 48000);
    ASSERT_TRUE(isAck(client.request(graphWithPlugin(*plugin, ipc::IsolationMode::PerPlugin, files), 60s)));
    ASSERT_TRUE(isAck(client.request(transport(ipc::TransportAction::Play, 0))));

    for (int round = 0; round < 2; ++round) {
        SCOPED_TRACE("round " + std::to_string(round));
        const auto hosts = pluginHostsOf(server.pid());
        ASSERT_EQ(hosts.size(), 1u);
        ::kill(hosts.front(), SIGKILL);
        const auto fault = client.waitFor([](const ipc::FrameT& f) { return isFaultOf(f, kSandboxed); }, 5s);
        ASSERT_TRUE(fault) << "no PluginFault event after kill -9 of the plugin's host";
        const auto& body = *fault->body.AsPluginFault();
        EXPECT_EQ(body.status, ipc::PluginStatusCode::Crashed);
        EXPECT_EQ(fault->reply_to, 0u) << "an event, not a reply";
        EXPECT_NE(body.reason.find("pid " + std::to_string(hosts.front())), std::string::npos) << body.reason;
        EXPECT_NE(body.reason.find("killed by SIGKILL"), std::string::npos) << body.reason;
        EXPECT_FALSE(client.waitFor([](const ipc::FrameT& f) { return isFaultOf(f, kSandboxed); }, 1500ms))
            << "one fault, one event";

        ipc::ReloadPluginT reload;
        reload.processor = kSandboxed;
        const auto reloaded = client.request(SignalClient::frameOf(reload), 60s);
        ASSERT_TRUE(isAck(reloaded)) << (asError(reloaded) ? asError(reloaded)->message : "no reply");
        std::this_thread::sleep_for(300ms); // the pump's next reading sees it healthy, re-arming the event
    }
    EXPECT_TRUE(answersPing(client));
}

#ifdef LOOPHOLE_SLOW_PLUGIN
namespace {

/// A render of [0, end) of `snapshot` (not the live graph); returns the request's seq.
uint64_t startRender(SignalClient& client, ipc::GraphSnapshotT snapshot, const std::string& path, int64_t end)
{
    ipc::RenderRequestT body;
    body.output_path = path;
    body.end = end;
    body.format = ipc::SampleFormat::Float32;
    body.snapshot = std::make_unique<ipc::GraphSnapshotT>(std::move(snapshot));
    return client.send(SignalClient::frameOf(std::move(body)));
}

std::unique_ptr<ipc::FrameT> replyTo(SignalClient& client, uint64_t seq, std::chrono::milliseconds timeout)
{
    return client.waitFor([&](const ipc::FrameT& f) { return f.reply_to == seq; }, timeout);
}

/// Starts a minute-long render of one track through `offline`'s plugin in its own host, and
/// waits for its first progress report (the host is processing by then).
::testing::AssertionResult startRenderInItsOwnHost(OfflineServerWithPlugin& offline, const std::filesystem::path& dir,
                                                   const std::string& output, uint64_t& seq, pid_t& host)
{
    const auto files = makeTrackFiles(dir / "wavs", 1, 48000);
    auto load = graphWithPlugin(*offline.plugin, ipc::IsolationMode::PerPlugin, files);
    seq = startRender(offline.client, std::move(*load.body.AsLoadGraph()->snapshot), output, 48000LL * 60);
    if (! offline.client.waitFor([](const ipc::FrameT& f) { return f.body.type == ipc::Body::Progress; }, 30s))
        return ::testing::AssertionFailure() << "the render reported no progress";
    const auto hosts = pluginHostsOf(offline.server.pid());
    if (hosts.size() != 1)
        return ::testing::AssertionFailure() << "the render's plugin runs in its own host, not in " << hosts.size();
    host = hosts.front();
    return ::testing::AssertionSuccess();
}

juce::AudioBuffer<float> readWav(const std::string& path)
{
    juce::WavAudioFormat wav;
    std::unique_ptr<juce::AudioFormatReader> reader(wav.createReaderFor(new juce::FileInputStream(juce::File(path)), true));
    if (reader == nullptr)
        return {};
    juce::AudioBuffer<float> audio(2, int(reader->lengthInSamples));
    reader->read(&audio, 0, audio.getNumSamples(), 0, true, true);
    return audio;
}

} // namespace

TEST(PluginSandbox, AnOfflineRenderWaitsForASlowSandboxedPluginInsteadOfWritingSilence)
{
    // LoopholeSlow takes 20 ms a block: it misses every real-time deadline.
    OfflineServerWithPlugin offline("sandbox-render", LOOPHOLE_SLOW_PLUGIN);
    ASSERT_TRUE(offline.ready());
    auto& [server, client, plugin] = offline;
    const auto dir = std::filesystem::temp_directory_path() / ("lsbx-render-" + std::to_string(::getpid()));
    const auto files = makeTrackFiles(dir / "wavs", 1, 48000);

    std::map<ipc::IsolationMode, juce::AudioBuffer<float>> rendered;
    for (const auto isolation : { ipc::IsolationMode::PerPlugin, ipc::IsolationMode::InEngine }) {
        auto load = graphWithPlugin(*plugin, isolation, files);
        const auto output = (dir / ("slow-" + std::to_string(int(isolation)) + ".wav")).string();
        const auto seq = startRender(client, std::move(*load.body.AsLoadGraph()->snapshot), output, 48000);
        const auto done = replyTo(client, seq, 60s);
        ASSERT_TRUE(done);
        ASSERT_EQ(done->body.type, ipc::Body::RenderDone)
            << (done->body.type == ipc::Body::Error ? done->body.AsError()->message : "");
        rendered[isolation] = readWav(output);
    }
    const auto& sandboxed = rendered[ipc::IsolationMode::PerPlugin];
    const auto& inEngine = rendered[ipc::IsolationMode::InEngine];
    ASSERT_EQ(sandboxed.getNumSamples(), 48000);
    ASSERT_EQ(inEngine.getNumSamples(), 48000);
    int silentBlocks = 0;
    for (int start = 0; start < 48000; start += 512)
        silentBlocks += sandboxed.getMagnitude(start, std::min(512, 48000 - start)) < 0.01f ? 1 : 0;
    EXPECT_EQ(silentBlocks, 0) << "blocks of the sandboxed render fell silent";
    for (int c = 0; c < 2; ++c)
        EXPECT_TRUE(std::equal(sandboxed.getReadPointer(c), sandboxed.getReadPointer(c) + 48000, inEngine.getReadPointer(c)))
            << "channel " << c << ": the sandboxed render differs from the in-engine one";
    std::filesystem::remove_all(dir);
}

TEST(PluginSandbox, AHungHostFailsAnOfflineRenderWithAClearErrorAfterItsSafetyTimeout)
{
    OfflineServerWithPlugin offline("sandbox-render-hang", LOOPHOLE_SLOW_PLUGIN);
    ASSERT_TRUE(offline.ready());
    auto& [server, client, plugin] = offline;
    const auto dir = std::filesystem::temp_directory_path() / ("lsbx-hang-" + std::to_string(::getpid()));
    const auto output = (dir / "hung.wav").string();
    uint64_t seq = 0;
    pid_t host = 0;
    ASSERT_TRUE(startRenderInItsOwnHost(offline, dir, output, seq, host));
    ::kill(host, SIGSTOP); // hung: alive, never answering

    const auto reply = replyTo(client, seq, 60s); // the safety timeout is 10 s a block
    ASSERT_TRUE(reply) << "the render hangs with its plugin host";
    ASSERT_EQ(reply->body.type, ipc::Body::Error);
    const auto& error = *reply->body.AsError();
    EXPECT_EQ(error.code, ipc::ErrorCode::PluginFailed);
    EXPECT_NE(error.message.find("did not finish a block within"), std::string::npos) << error.message;
    EXPECT_NE(error.message.find(plugin->uid), std::string::npos) << error.message;
    EXPECT_FALSE(std::filesystem::exists(output)) << "a failed render leaves no file under the user's name";
    for (int i = 0; i < 150 && ! pluginHostsOf(server.pid()).empty(); ++i)
        std::this_thread::sleep_for(20ms);
    EXPECT_TRUE(pluginHostsOf(server.pid()).empty()) << "the hung host outlived the render";
    EXPECT_TRUE(answersPing(client));
    std::filesystem::remove_all(dir);
}

TEST(PluginSandbox, AnOfflineRenderWhoseHostIsKilledMidBlockFailsAtOnce)
{
    // LoopholeSlow takes 20 ms a block: its host is almost always mid-block.
    OfflineServerWithPlugin offline("sandbox-render-kill", LOOPHOLE_SLOW_PLUGIN);
    ASSERT_TRUE(offline.ready());
    auto& [server, client, plugin] = offline;
    const auto dir = std::filesystem::temp_directory_path() / ("lsbx-kill-" + std::to_string(::getpid()));
    const auto output = (dir / "killed.wav").string();
    uint64_t seq = 0;
    pid_t host = 0;
    ASSERT_TRUE(startRenderInItsOwnHost(offline, dir, output, seq, host));
    const auto killedAt = std::chrono::steady_clock::now();
    ::kill(host, SIGKILL);

    const auto reply = replyTo(client, seq, 30s);
    const auto took = std::chrono::duration<double>(std::chrono::steady_clock::now() - killedAt).count();
    ASSERT_TRUE(reply) << "the render hangs with its dead plugin host";
    std::printf("Sandbox render kill: the render failed %.3f s after kill -9 of its host (block timeout 10 s)\n", took);
    ASSERT_EQ(reply->body.type, ipc::Body::Error);
    const auto& error = *reply->body.AsError();
    EXPECT_EQ(error.code, ipc::ErrorCode::PluginFailed);
    EXPECT_NE(error.message.find("killed by SIGKILL"), std::string::npos) << error.message;
    EXPECT_NE(error.message.find(plugin->uid), std::string::npos) << error.message;
    // A functional bound, not a benchmark: the old wait sat out the rest of the 10 s block timeout.
    EXPECT_LT(took, 3.0) << "the render waited for its dead host instead of failing at once";
    EXPECT_FALSE(std::filesystem::exists(output)) << "a failed render leaves no file under the user's name";
    EXPECT_TRUE(answersPing(client));
    std::filesystem::remove_all(dir);
}
#endif

TEST(SandboxSoak, KillingAPluginHostMidPlaybackSilencesOnlyItsTrackUntilReload)
{
    if (std::system("command -v jackd > /dev/null") != 0)
        GTEST_SKIP() << "jackd is not installed";
    if (const auto why = whyZamCompX2CannotRun(); ! why.empty())
        GTEST_SKIP() << why;

    const std::string name = "lsbx-" + std::to_string(::getpid());
    JackServer jack(name);
    std::this_thread::sleep_for(1500ms);
    ASSERT_TRUE(jack.alive()) << "jackd did not start";
    constexpr int windowSeconds = 4;

    int baselineXruns = 0;
    if (std::system("command -v jack_metro > /dev/null") == 0) {
        const int before = jack.loggedXruns();
        const std::string metro = "JACK_DEFAULT_SERVER=" + name + " timeout -k 3 " + std::to_string(windowSeconds)
                                + " jack_metro -b 120 > /dev/null 2>&1";
        [[maybe_unused]] const int status = std::system(metro.c_str());
        baselineXruns = jack.loggedXruns() - before;
    }

    SignalProcess server(uniqueSocketPath("sandbox-jack"), { "--backend", "jack" }, { "JACK_DEFAULT_SERVER=" + name });
    ASSERT_TRUE(server.ready());
    SignalClient client(server.socket());
    ASSERT_TRUE(client.handshake());

    const auto scanned = scanZamCompX2(client);
    ASSERT_TRUE(scanned);
    const auto& plugin = *scanned;
    const uint32_t makeup = makeupOf(plugin);
    ASSERT_NE(makeup, UINT32_MAX) << "ZamCompX2 has no makeup parameter";

    const auto files = makeTrackFiles(std::filesystem::temp_directory_path() / "lsbx-wavs", 4, 48000);
    auto load = loadTracks(files, 48000, 120.0);
    auto& channels = load.body.AsLoadGraph()->snapshot->channels;
    for (auto& channel : channels) {
        if (channel->id != kFirstTrackId && channel->id != kFirstTrackId + 1)
            continue;
        auto insert = std::make_unique<ipc::ProcessorT>();
        insert->id = channel->id == kFirstTrackId ? kSandboxed : kInEngine;
        insert->format = plugin.format;
        insert->plugin_uid = plugin.uid;
        insert->isolation = channel->id == kFirstTrackId ? ipc::IsolationMode::PerPlugin : ipc::IsolationMode::InEngine;
        channel->processors.push_back(std::move(insert));
    }
    const auto loaded = client.request(std::move(load), 60s);
    ASSERT_TRUE(isAck(loaded)) << (asError(loaded) ? asError(loaded)->message : "no reply");
    const auto hosts = pluginHostsOf(server.pid());
    ASSERT_EQ(hosts.size(), 1u) << "one sandboxed plugin, one host";

    ASSERT_TRUE(isAck(client.request(subscribe(30.0f))));
    ASSERT_TRUE(isAck(client.request(transport(ipc::TransportAction::Play, 0))));
    auto plain = watchTelemetry(client, 1500ms);

    // The user's change lives in the host: makeup gain up, then give the sandbox's state
    // snapshots (once a second) time to see it.
    ipc::SetParameterT set;
    set.address = std::make_unique<ipc::ParameterAddress>(kSandboxed, makeup);
    set.value = 0.5f;
    ASSERT_TRUE(isAck(client.request(SignalClient::frameOf(std::move(set)))));
    std::this_thread::sleep_for(2500ms);
    const auto stateBefore = stateOf(client, kSandboxed);
    ASSERT_FALSE(stateBefore.empty());
    auto before = watchTelemetry(client, std::chrono::seconds(windowSeconds));
    ASSERT_GT(before.loudest[kFirstTrackId], 0.01f);
    ASSERT_GT(before.loudest[kFirstTrackId], plain.loudest[kFirstTrackId] * 1.05f) << "the makeup gain did not sound";

    const int xrunsBefore = jack.loggedXruns();
    const auto kindsBefore = jack.xrunKinds("loophole-signal");
    ::kill(hosts.front(), SIGKILL);
    // Frames queued on the socket before the kill still show sound: read them away first.
    std::this_thread::sleep_for(300ms);
    const auto settling = watchTelemetry(client, 500ms);
    auto after = watchTelemetry(client, std::chrono::seconds(windowSeconds));
    const int jackXruns = jack.loggedXruns() - xrunsBefore;
    const auto kindsAfter = jack.xrunKinds("loophole-signal");
    const auto status = statusOf(client, kSandboxed);

    // The engine's own lateness: callbacks longer than their block. Asserted once the host is
    // gone (from 300 ms after the kill to the end of the window): the engine then waits for
    // nobody. The block in flight at the kill ends when the kernel marks the dying host's
    // robust futex word, not at its deadline; how late the kernel then runs the audio thread
    // again is the machine's (printed, not asserted).
    const uint32_t atKill = settling.firstOverruns - before.lastOverruns;
    const uint32_t ownOverruns = after.lastOverruns - settling.firstOverruns;
    const float longestAfterKill = std::max(settling.maxCallbackLoad, after.maxCallbackLoad);
    // jackd's count mixes the engine's lateness with the machine's: its own timer waking late,
    // or the engine's thread not yet scheduled when the cycle ended (2 shared cores, other work).
    // `settling` reads the frames queued while the kill happened: its peak holds the block in flight.
    std::printf("Sandbox JACK kill: engine's own overruns: %u in the %d s before the kill, %u at the kill, %u in the "
                "%.1f s after it; longest callback %.2f of a block before, %.2f around the kill, %.2f after\n",
                before.lastOverruns - before.firstOverruns, windowSeconds, atKill, ownOverruns,
                windowSeconds + 0.5, before.maxCallbackLoad, settling.maxCallbackLoad, longestAfterKill);
    std::printf("Sandbox JACK kill: jackd logged %d xruns after the kill (engine reported %u): %d jackd timer late, "
                "%d engine not yet scheduled, %d engine still running; before the kill the engine reported %u; "
                "trivial client baseline: %d; sandboxed track peak %.3f -> %.5f\n",
                jackXruns, after.lastXruns - before.lastXruns, kindsAfter.driverLate - kindsBefore.driverLate,
                kindsAfter.notStarted - kindsBefore.notStarted, kindsAfter.stillRunning - kindsBefore.stillRunning,
                before.lastXruns - before.firstXruns, baselineXruns, before.loudest[kFirstTrackId],
                after.loudest[kFirstTrackId]);
    // One late callback is allowed, as the JACK soak allows two a minute: this 2-vCPU VM now and then
    // deschedules the audio thread mid-callback with nothing else to blame (seen here: one of 1.7 and
    // one of 2.6 blocks in 4.8 s, in noisy spells). An engine still waiting on the dead host would
    // overrun every block it gives that host: hundreds in this window.
    EXPECT_LE(ownOverruns, 1u) << "the engine's callbacks overran their blocks after its plugin host died";
    EXPECT_EQ(status, ipc::PluginStatusCode::Crashed);
    EXPECT_EQ(after.loudest[kFirstTrackId], 0.0f) << "the crashed plugin's track must be silent";
    for (uint32_t track = kFirstTrackId + 1; track < kFirstTrackId + 4; ++track)
        EXPECT_NEAR(after.loudest[track], before.loudest[track], 0.02f * before.loudest[track]) << "track " << track;
    EXPECT_TRUE(answersPing(client));

    ipc::ReloadPluginT reload;
    reload.processor = kSandboxed;
    const auto reloaded = client.request(SignalClient::frameOf(reload), 60s);
    ASSERT_TRUE(isAck(reloaded)) << (asError(reloaded) ? asError(reloaded)->message : "no reply");
    std::this_thread::sleep_for(300ms);
    watchTelemetry(client, 500ms);
    auto back = watchTelemetry(client, std::chrono::seconds(2));
    EXPECT_EQ(statusOf(client, kSandboxed), ipc::PluginStatusCode::Ok);
    EXPECT_NEAR(back.loudest[kFirstTrackId], before.loudest[kFirstTrackId], 0.05f * before.loudest[kFirstTrackId])
        << "after reload the track should sound as before, makeup gain included";
    // Not compared byte for byte: this plugin's state includes its output meters (gain
    // reduction), which move with the audio; the level above is what the state decides.
    EXPECT_EQ(stateOf(client, kSandboxed).size(), stateBefore.size());
    EXPECT_EQ(pluginHostsOf(server.pid()).size(), 1u);
}
