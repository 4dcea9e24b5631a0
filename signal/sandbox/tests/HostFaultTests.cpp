// Host faults: kill -9 of a host mid-processing (also while its plugin is stuck in process(),
// which the kernel's death notice ends at once), a plugin that hangs in process(), and
// reloading both. The audio thread is never held beyond its deadline, the failed plugin
// outputs silence (or its input, per setting) and reports why, the other inserts go on.
#include "tests/SandboxRig.h"

#include <atomic>
#include <thread>

using namespace loophole;
using namespace loophole::signal;
using namespace loophole::signal::sandbox;
using namespace loophole::signal::sandbox::test;
using namespace std::chrono_literals;

namespace {

/// Deadlines a loaded CI machine meets, yet short enough to run many blocks past a fault.
SandboxOptions faultOptions()
{
    SandboxOptions options;
    options.minimumDeadlineNs = 100'000'000;
    options.hungAfterMisses = 4;
    return options;
}

// A blocked audio thread would block forever; this bound only has to tell the two apart
// on a machine where the scheduler may hold a thread back for a while.
constexpr auto beyondAnyDeadline = 100ms + 1s;

const ipc::PluginParameterInfoT* automatable(const ipc::PluginDescriptionT& plugin)
{
    for (const auto& p : plugin.parameters)
        if (p->automatable && ! juce::String(p->name).containsIgnoreCase("bypass"))
            return p.get();
    return nullptr;
}

/// A test plugin with one parameter, alone in its own host: what the stall tests play.
struct SoloPlugin
{
    SoloPlugin(const SandboxOptions& options, const std::string& path)
        : rig(options), plugin(rig.scan(path)), insert(rig.make(plugin, ipc::IsolationMode::PerPlugin)),
          inner(insert ? SandboxFactory::sandboxed(*insert) : nullptr)
    {
    }

    ::testing::AssertionResult made() const
    {
        if (plugin.parameters.size() != 1)
            return ::testing::AssertionFailure() << plugin.parameters.size() << " parameters where 1 was expected";
        if (inner == nullptr)
            return ::testing::AssertionFailure() << "no sandboxed insert was made";
        return ::testing::AssertionSuccess();
    }

    SandboxRig rig;
    const ipc::PluginDescriptionT plugin;
    const std::unique_ptr<InsertProcessor> insert;
    SandboxedInsert* const inner;
};

} // namespace

TEST(HostFaults, KillNineSilencesWithinOneBlockOthersGoOnAndReloadRestoresState)
{
    SandboxRig rig(faultOptions());
    const auto plugin = rig.scan(zamPath("LV2", "ZamCompX2"));
    const auto* parameter = automatable(plugin);
    ASSERT_NE(parameter, nullptr);

    // A state the user made: a parameter moved away from its default.
    auto configured = rig.make(plugin, ipc::IsolationMode::InEngine);
    ASSERT_NE(configured, nullptr);
    const ParameterEvent change { 0, parameter->index, parameter->default_value < 0.5f ? 0.9f : 0.1f };
    auto scratch = inputBlock(testSignal(), 0);
    processBlock(*configured, scratch, { &change, 1 });
    const auto state = configured->saveState();

    auto sandboxed = rig.make(plugin, ipc::IsolationMode::PerPlugin);
    auto neighbour = rig.make(plugin, ipc::IsolationMode::InEngine); // another track's insert
    auto neighbourReference = rig.make(plugin, ipc::IsolationMode::InEngine);
    ASSERT_TRUE(sandboxed && neighbour && neighbourReference);
    ASSERT_TRUE(sandboxed->restoreState(state));
    auto* inner = SandboxFactory::sandboxed(*sandboxed);
    const pid_t host = inner->host()->pid();

    const auto input = testSignal();
    std::atomic<bool> killed { false };
    std::atomic<int> blocksDone { 0 };
    std::thread killer([&] {
        while (blocksDone.load() < 6)
            std::this_thread::sleep_for(1ms);
        ::kill(host, SIGKILL); // while the loop below keeps processing
        killed.store(true);
    });
    int blocksAfterKill = 0, loudAfterKill = 0, loudAfterFirst = 0;
    auto slowest = 0ns;
    for (int b = 0; b < 400 && blocksAfterKill < 30; ++b)
    {
        const bool wasKilled = killed.load();
        auto block = inputBlock(input, b * blockSize);
        auto other = inputBlock(input, b * blockSize);
        auto otherReference = inputBlock(input, b * blockSize);
        slowest = std::max(slowest, processBlock(*sandboxed, block));
        processBlock(*neighbour, other);
        processBlock(*neighbourReference, otherReference);
        ASSERT_TRUE(identical(other, otherReference, 0, blockSize)) << "another insert changed in block " << b;
        blocksDone.fetch_add(1);
        if (wasKilled)
        {
            ++blocksAfterKill;
            loudAfterKill += silent(block) ? 0 : 1;
            loudAfterFirst += (blocksAfterKill > 1 && ! silent(block)) ? 1 : 0;
        }
        else
            std::this_thread::sleep_for(2ms); // let the killer in
    }
    killer.join();
    ASSERT_GE(blocksAfterKill, 30);
    EXPECT_LE(loudAfterKill, 1) << "a block in flight may finish; every later one must be silent";
    EXPECT_EQ(loudAfterFirst, 0);
    EXPECT_LT(slowest, beyondAnyDeadline);
    EXPECT_EQ(sandboxed->status(), InsertStatus::Crashed);
    EXPECT_NE(inner->faultReason().find("SIGKILL"), std::string::npos) << inner->faultReason();
    EXPECT_EQ(sandboxed->saveState(), state) << "the last known state survives the host";

    // Reload: a new host, the plugin loaded with that state, sounding like it again.
    std::string error;
    ASSERT_TRUE(rig.factory.reload(*sandboxed, error)) << error;
    EXPECT_EQ(sandboxed->status(), InsertStatus::Ok);
    EXPECT_NE(inner->host()->pid(), host);
    auto expected = rig.make(plugin, ipc::IsolationMode::InEngine, state);
    ASSERT_NE(expected, nullptr);
    const auto missedBefore = inner->missedBlocks();
    const auto reloadedOut = render(*sandboxed, input);
    const auto expectedOut = render(*expected, input);
    ASSERT_EQ(inner->missedBlocks(), missedBefore) << "the restarted host missed deadlines; output not comparable";
    EXPECT_TRUE(identical(reloadedOut, expectedOut, 0, input.getNumSamples()));
}

TEST(HostFaults, HungPluginNeverHoldsTheAudioThreadBeyondItsDeadline)
{
    auto options = faultOptions();
    options.minimumDeadlineNs = 2'000'000; // 2 ms: a hang is detected quickly
    SoloPlugin stall(options, stallPluginPath());
    ASSERT_TRUE(stall.made());

    const ParameterEvent hang { 0, stall.plugin.parameters[0]->index, 1.0f };
    auto first = inputBlock(testSignal(), 0);
    processBlock(*stall.insert, first, { &hang, 1 });

    auto slowest = 0ns;
    for (int b = 1; b < 40; ++b)
    {
        auto block = inputBlock(testSignal(), b * blockSize);
        slowest = std::max(slowest, processBlock(*stall.insert, block));
        EXPECT_TRUE(silent(block)) << "block " << b;
    }
    EXPECT_LT(slowest, beyondAnyDeadline);
    EXPECT_EQ(stall.insert->status(), InsertStatus::Hung);
    EXPECT_NE(stall.inner->faultReason().find("deadline"), std::string::npos) << stall.inner->faultReason();
    EXPECT_FALSE(stall.inner->host()->exited()) << "a hang is not a crash: the host is still there";

    // Reload kills the stuck host; the plugin comes back without the hang (it has no state).
    std::string error;
    ASSERT_TRUE(stall.rig.factory.reload(*stall.insert, error)) << error;
    EXPECT_EQ(stall.insert->status(), InsertStatus::Ok);
    bool passedThrough = false;
    for (int attempt = 0; attempt < 50 && ! passedThrough; ++attempt)
    {
        const auto missed = stall.inner->missedBlocks();
        auto block = inputBlock(testSignal(), attempt * blockSize);
        const auto in = inputBlock(testSignal(), attempt * blockSize);
        processBlock(*stall.insert, block);
        passedThrough = stall.inner->missedBlocks() == missed && identical(block, in, 0, blockSize);
    }
    EXPECT_TRUE(passedThrough) << "the reloaded plugin never passed audio through";
}

TEST(HostFaults, KillNineOfAHostStuckInItsPluginEndsTheWaitAtOnceNotAtTheDeadline)
{
    auto options = faultOptions();
    options.minimumDeadlineNs = 2'000'000'000; // a deadline the death notice must beat by far
    SoloPlugin stall(options, stallPluginPath());
    ASSERT_TRUE(stall.made());
    const pid_t host = stall.inner->host()->pid();

    // The block asks the plugin to hang, so the host is inside process() when it is killed.
    std::chrono::steady_clock::time_point killedAt;
    std::thread killer([&] {
        std::this_thread::sleep_for(200ms);
        killedAt = std::chrono::steady_clock::now();
        ::kill(host, SIGKILL);
    });
    const ParameterEvent hang { 0, stall.plugin.parameters[0]->index, 1.0f };
    auto block = inputBlock(testSignal(), 0);
    const auto waited = processBlock(*stall.insert, block, { &hang, 1 });
    const auto ended = std::chrono::steady_clock::now();
    killer.join();

    EXPECT_GE(ended, killedAt) << "the block ended before the kill: the host was not stuck in it";
    EXPECT_LT(waited, 1s) << "the audio thread waited on towards its 2 s deadline for a dead host";
    EXPECT_TRUE(stall.inner->hostDeathSeen()) << "the wait did not end through the kernel's death notice";
    EXPECT_EQ(stall.inner->missedBlocks(), 0u) << "a dead host is not a missed deadline";
    EXPECT_TRUE(silent(block));
    EXPECT_EQ(stall.insert->status(), InsertStatus::Crashed);
    EXPECT_NE(stall.inner->faultReason().find("killed by SIGKILL"), std::string::npos) << stall.inner->faultReason();

    auto next = inputBlock(testSignal(), blockSize);
    EXPECT_LT(processBlock(*stall.insert, next), 1s) << "a host known dead is waited for again";
    EXPECT_TRUE(silent(next));

    std::string error;
    ASSERT_TRUE(stall.rig.factory.reload(*stall.insert, error)) << error;
    EXPECT_FALSE(stall.inner->hostDeathSeen());
    EXPECT_EQ(stall.insert->status(), InsertStatus::Ok);
}

TEST(HostFaults, AParameterChangeInABlockTheBusyHostNeverSawReachesItWithALaterBlock)
{
    auto options = faultOptions();
    options.minimumDeadlineNs = 2'000'000; // LoopholeSlow takes 20 ms a block until "hurry" is 1
    SoloPlugin slow(options, slowPluginPath());
    ASSERT_TRUE(slow.made());

    auto block = inputBlock(testSignal(), 0);
    processBlock(*slow.insert, block);
    ASSERT_EQ(slow.inner->missedBlocks(), 1u) << "the slow plugin met a 2 ms deadline";
    // The host is still inside that block: this one, with the change, is not sent at all.
    const ParameterEvent hurry { 0, slow.plugin.parameters[0]->index, 1.0f };
    processBlock(*slow.insert, block, { &hurry, 1 });
    ASSERT_EQ(slow.inner->missedBlocks(), 2u);

    bool fast = false;
    for (int attempt = 0; attempt < 10 && ! fast; ++attempt)
    {
        std::this_thread::sleep_for(30ms); // the host finishes whatever it is on
        const auto missed = slow.inner->missedBlocks();
        processBlock(*slow.insert, block); // no change of its own: only a kept one can make it fast
        fast = slow.inner->missedBlocks() == missed;
    }
    EXPECT_TRUE(fast) << "the change never reached the plugin: every block still took 20 ms";
}

TEST(HostFaults, PassThroughSettingKeepsTheInputWhenTheHostIsGone)
{
    auto options = faultOptions();
    options.faultOutput = FaultOutput::PassThrough;
    SandboxRig rig(options);
    auto stall = rig.make(rig.scan(stallPluginPath()), ipc::IsolationMode::PerPlugin);
    ASSERT_NE(stall, nullptr);
    auto* inner = SandboxFactory::sandboxed(*stall);
    inner->host()->kill();
    auto block = inputBlock(testSignal(), 0);
    const auto in = inputBlock(testSignal(), 0);
    processBlock(*stall, block);
    EXPECT_TRUE(identical(block, in, 0, blockSize));
    EXPECT_EQ(stall->status(), InsertStatus::Crashed);
}

TEST(HostFaults, BadRequestsGetClearErrorsAndStartNothing)
{
    SandboxRig rig;
    flatbuffers::FlatBufferBuilder fbb;
    fbb.Finish(ipc::CreateProcessorDirect(fbb, 1, ipc::PluginFormat::LV2, "urn:nobody:nothing", ipc::BuiltInKind::None,
                                          nullptr, false, ipc::IsolationMode::PerPlugin));
    std::string error;
    auto insert = rig.factory.create(*flatbuffers::GetRoot<ipc::Processor>(fbb.GetBufferPointer()), sampleRate,
                                     blockSize, error);
    EXPECT_EQ(insert, nullptr);
    EXPECT_NE(error.find("not in the catalogue"), std::string::npos) << error;
    EXPECT_EQ(rig.factory.runningHosts(), 0u);

    SandboxFactory missing(rig.plugins, { "/nonexistent/loophole-plugin-host", SandboxRig::cacheFile() },
                           patientOptions(), ipc::IsolationMode::SharedSandbox);
    const auto plugin = rig.scan(stallPluginPath());
    flatbuffers::FlatBufferBuilder fbb2;
    fbb2.Finish(ipc::CreateProcessorDirect(fbb2, 1, plugin.format, plugin.uid.c_str()));
    error.clear();
    EXPECT_EQ(missing.create(*flatbuffers::GetRoot<ipc::Processor>(fbb2.GetBufferPointer()), sampleRate, blockSize,
                             error),
              nullptr);
    EXPECT_NE(error.find("plugin host program is missing"), std::string::npos) << error;

    // In-engine inserts have no host to restart.
    auto inEngine = rig.make(plugin, ipc::IsolationMode::InEngine);
    ASSERT_NE(inEngine, nullptr);
    EXPECT_FALSE(rig.factory.reload(*inEngine, error));
    EXPECT_NE(error.find("runs in the engine"), std::string::npos) << error;
}
