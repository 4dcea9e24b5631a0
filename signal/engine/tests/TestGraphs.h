// Builders for test graphs and commands, and test-only inserts with known behaviour.
#pragma once

#include "control/BuiltInInsertFactory.h"
#include "control/Engine.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

namespace loophole::signal::test {

/// A packed flatbuffer table that outlives the builder call.
template <typename Table>
struct Packed
{
    std::vector<uint8_t> bytes;
    const Table& operator*() const { return *flatbuffers::GetRoot<Table>(bytes.data()); }
    const Table* operator->() const { return flatbuffers::GetRoot<Table>(bytes.data()); }
};

Packed<ipc::GraphSnapshot> pack(const ipc::GraphSnapshotT& graph);
Packed<ipc::GraphDiff> pack(const ipc::GraphDiffT& diff);

/// Graph under construction: channel(...) returns the channel to adjust further.
struct GraphBuilder
{
    ipc::GraphSnapshotT graph;
    ipc::ChannelT& channel(uint32_t id, ipc::ChannelKind kind, uint32_t output = 1);
    ipc::ChannelT& master(uint32_t id = 1) { return channel(id, ipc::ChannelKind::Master, 0); }
    ipc::ProcessorT& insert(ipc::ChannelT& ch, uint32_t id, std::string testKind);
    ipc::AudioClipT& clip(ipc::ChannelT& ch, uint32_t id, std::string file, int64_t start, int64_t length);
    Packed<ipc::GraphSnapshot> packed() const { return pack(graph); }
};

CommandResult load(Engine& engine, const ipc::GraphSnapshotT& graph);
/// Loads the graph and plays from the start; a failure names the engine's error.
::testing::AssertionResult loadAndPlay(Engine& engine, const ipc::GraphSnapshotT& graph);
CommandResult setParameter(Engine& engine, uint32_t node, uint32_t param, float value, int64_t at = -1);
CommandResult transport(Engine& engine, ipc::TransportAction action, int64_t position = -1);
CommandResult setLoop(Engine& engine, bool enabled, int64_t start, int64_t end);
CommandResult setAutomation(Engine& engine, uint32_t node, uint32_t param, std::vector<ipc::AutomationPoint> points);

/// Runs `frames` through the engine in blocks; returns the left and right outputs.
struct Output
{
    std::vector<float> left, right;
};
Output run(Engine& engine, int frames, int block = 512);

/// A 32-bit float WAV whose frame i holds sourceValue(i) on both channels.
std::string writeTestWav(const std::string& name, int frames, double sampleRate = 48000.0);
inline float sourceValue(int64_t i) { return static_cast<float>((i % 977) + 1) / 1024.0f; }

/// Test inserts, chosen by plugin_uid with format VST3 (BuiltIn goes to the real factory):
///   "dc:V"        adds V to every sample
///   "delay:L"     delays by L samples and reports latency L
///   "click:P"     adds 1.0 at the P-th frame it processes
///   "sidechain"   replaces its audio with the sidechain input
///   "param"       outputs the value of parameter 0 (starts at 0), changing at each event
///   "timeline"    outputs the transport's timeline sample per frame (0 when stopped)
///   "info"        passes audio, remembers the last TransportInfo it saw
///   "allocating"  allocates in process(), which rtcheck must catch
class TestInsertFactory final : public InsertFactory
{
public:
    std::unique_ptr<InsertProcessor> create(const ipc::Processor& description, double sampleRate, int maxBlockSize,
                                            std::string& error) override;
    BuiltInInsertFactory builtIns;
    int created = 0;
};

/// An engine with the test inserts, prepared at 48 kHz stereo; offline (clips read on the
/// render thread) unless asked for the real streaming thread.
struct EngineRig
{
    TestInsertFactory factory;
    Engine engine{ factory };
    explicit EngineRig(bool offline = true, int block = 256)
    {
        engine.setOfflineMode(offline);
        engine.prepare(48000, block, 2);
    }
};

struct InfoProbe;
extern TransportInfo lastInfoSeen;

} // namespace loophole::signal::test
