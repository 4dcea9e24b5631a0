// The engine's face to the rest of Signal. The server (IPC, devices, telemetry) drives it;
// it knows nothing of sockets or devices.
//
// Threads: "control" methods are called from one control thread at a time and never block
// the audio thread (work reaches it through lock-free queues and an atomic plan swap).
// process() is the audio callback: real-time safe (chorus/rt).
#pragma once

#include "loophole/ipc/frame_generated.h"
#include "rt/graph/InsertProcessor.h"

#include <juce_audio_basics/juce_audio_basics.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace loophole::signal {

struct CommandError
{
    ipc::ErrorCode code = ipc::ErrorCode::Unknown;
    std::string message; // plain words, for people
    std::string field;   // the offending field or id, when there is one
};

/// nullopt on success.
using CommandResult = std::optional<CommandError>;

/// Memory an offline render may fill with clip audio it reads more than once (256 MiB: about
/// 11 minutes of stereo at 48 kHz; a 64-track project of 1 s loops takes 25 MB).
inline constexpr int64_t defaultDecodedAudioBudget = int64_t{ 256 } << 20;

class Engine
{
public:
    explicit Engine(InsertFactory& inserts);
    ~Engine();

    // --- control thread ------------------------------------------------------------
    /// (Re)starts processing at this format; never concurrent with process().
    void prepare(double sampleRate, int maxBlockSize, int numOutputChannels);

    CommandResult loadGraph(const ipc::GraphSnapshot& snapshot);
    CommandResult applyGraphDiff(const ipc::GraphDiff& diff);
    CommandResult setParameter(const ipc::SetParameter& change);
    CommandResult setAutomation(const ipc::SetAutomation& automation);
    CommandResult transport(const ipc::TransportCommand& command);
    CommandResult setLoop(const ipc::SetLoop& loop);

    /// The graph the engine holds now (answers QueryGraph).
    std::unique_ptr<ipc::GraphSnapshotT> graph() const;

    /// A live insert, for plugin state and editor commands; nullptr if unknown.
    InsertProcessor* findInsert(uint32_t processorId);

    /// Meters since the previous call, transport, DSP load, xruns, plugin status.
    void collectTelemetry(ipc::TelemetryT& out);

    /// Called by the device layer when the audio callback overran or the server reported an xrun.
    void reportXrun() noexcept;

    /// Offline mode (before prepare): clip audio is read synchronously inside process()
    /// instead of by the streaming thread, so renders never depend on thread timing.
    /// Sources read over and over are kept decoded in up to `decodedAudioBudget` bytes.
    void setOfflineMode(bool offline, int64_t decodedAudioBudget = defaultDecodedAudioBudget);

    struct ContentStats
    {
        uint64_t underruns = 0;  // blocks a clip played silence because its audio was not buffered
        uint64_t readErrors = 0; // file reads that failed during playback
        struct FailingClip
        {
            uint32_t clip = 0;
            std::string file;
        };
        std::vector<FailingClip> failing; // clips of the live graph whose reads failed
    };
    ContentStats contentStats() const;

    // --- audio thread ----------------------------------------------------------------
    void process(float* const* outputs, int numOutputs,
                 const float* const* inputs, int numInputs,
                 int numFrames, const juce::MidiBuffer& midiIn) noexcept;

private:
    struct Impl;
    std::unique_ptr<Impl> impl;
};

struct RenderOptions
{
    std::string outputPath;
    int64_t start = 0;
    int64_t end = 0;
    ipc::SampleFormat format = ipc::SampleFormat::Int24;
    double sampleRate = 48000.0;
    int blockSize = 512;
    int64_t decodedAudioBudget = defaultDecodedAudioBudget; // 0: every read goes to the file
    bool dither = false; // TPDF dither before Int16/Int24 (TriangularDither); Float32 never
    /// Called off the audio path with 0..1; return false to cancel.
    std::function<bool(double)> progress;
};

struct RenderResult
{
    CommandResult error;
    int64_t frames = 0;
    double seconds = 0.0; // wall-clock
};

/// Renders [start, end) of a graph to a WAV file, faster than real time and bit-identical
/// across runs of the same input. Runs on the calling (control) thread.
RenderResult renderOffline(const ipc::GraphSnapshot& snapshot, InsertFactory& inserts,
                           const RenderOptions& options);

} // namespace loophole::signal
