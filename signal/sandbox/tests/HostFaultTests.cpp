// Host faults: kill -9 of a host mid-processing, a plugin that hangs in process(), and
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
    SandboxRig rig(options);
    const auto plugin = rig.scan(stallPluginPath());
    ASSERT_EQ(plugin.parameters.size(), 1u);
    auto stall = rig.make(plugin, ipc::IsolationMode::PerPlugin);
    ASSERT_NE(stall, nullptr);
    auto* inner = SandboxFactory::sandboxed(*stall);

    const ParameterEvent hang { 0, plugin.parameters[0]->index, 1.0f };
    auto first = inputBlock(testSignal(), 0);
    processBlock(*stall, first, { &hang, 1 });

    auto slowest = 0ns;
    for (int b = 1; b < 40; ++b)
    {
        auto block = inputBlock(testSignal(), b * blockSize);
        slowest = std::max(slowest, processBlock(*stall, block));
        EXPECT_TRUE(silent(block)) << "block " << b;
    }
    EXPECT_LT(slowest, beyondAnyDeadline);
    EXPECT_EQ(stall->status(), InsertStatus::Hung);
    EXPECT_NE(inner->faultReason().find("deadline"), std::string::npos) << inner->faultReason();
    EXPECT_FALSE(inner->host()->exited()) << "a hang is not a crash: the host is still there";

    // Reload kills the stuck host; the plugin comes back without the hang (it has no state).
    std::string error;
    ASSERT_TRUE(rig.factory.reload(*stall, error)) << error;
    EXPECT_EQ(stall->status(), InsertStatus::Ok);
    bool passedThrough = false;
    for (int attempt = 0; attempt < 50 && ! passedThrough; ++attempt)
    {
        const auto missed = inner->missedBlocks();
        auto block = inputBlock(testSignal(), attempt * blockSize);
        const auto in = inputBlock(testSignal(), attempt * blockSize);
        processBlock(*stall, block);
        passedThrough = inner->missedBlocks() == missed && identical(block, in, 0, blockSize);
    }
    EXPECT_TRUE(passedThrough) << "the reloaded plugin never passed audio through";
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
