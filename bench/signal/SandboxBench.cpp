// Sandboxed plugin overhead (issue 5), per block, at 64 and 256 frames:
//   FutexFloor/N        the raw floor: one futex round trip between two processes through a
//                       shared page (wake the other side, sleep until it answers), nothing else
//   Sandboxed/N         SandboxedInsert::process() of a pass-through CLAP plugin (Loophole
//                       Stall, never told to stall) in its own loophole-plugin-host
//   SandboxedSpin/N     the same, watching for the answer for up to LOOPHOLE_BENCH_SPIN_US
//                       (default 25) before sleeping (SandboxOptions::spinBeforeWaitNs)
//   InEngine/N          the same plugin's process() hosted in this process
// Each iteration is timed on its own (blocks that missed their deadline, or were not sent because
// the host was still on a missed one, are counted apart); the run prints median and p99 of each
// and the ratios Sandboxed / FutexFloor (the target: at most 2x at the median), SandboxedSpin /
// FutexFloor and Sandboxed - InEngine (what the sandbox itself costs per plugin and block).
// The far side of both cross-process cases asks for SCHED_FIFO 60, as the plugin host's block
// thread does; with LOOPHOLE_BENCH_AUDIO_PRIORITY=65 the measuring thread runs at SCHED_FIFO 65,
// as JACK's audio thread does.
#include "control/SandboxFactory.h"
#include "control/SandboxedInsert.h"
#include "rt/Futex.h"

#include "PluginHost.h"

#include <benchmark/benchmark.h>
#include <juce_events/juce_events.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace loophole;
using namespace loophole::signal;
using namespace loophole::signal::sandbox;

namespace {

struct Percentiles
{
    double median = 0, p99 = 0;
};
std::map<std::string, Percentiles> results;
std::map<std::string, uint64_t> missedBlocks; // per case: blocks that missed their deadline or were not sent

void record(benchmark::State& state, const std::string& name, std::vector<double>& samples)
{
    if (samples.empty())
        return;
    std::sort(samples.begin(), samples.end());
    Percentiles p { samples[samples.size() / 2], samples[std::min(samples.size() - 1, samples.size() * 99 / 100)] };
    results[name + "/" + std::to_string(state.range(0))] = p;
    state.counters["median_us"] = p.median;
    state.counters["p99_us"] = p.p99;
}

double microsecondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count();
}

void FutexFloor(benchmark::State& state)
{
    struct Page
    {
        std::atomic<uint32_t> request { 0 };
        alignas(64) std::atomic<uint32_t> done { 0 };
        alignas(64) std::atomic<bool> stop { false };
    };
    void* memory = ::mmap(nullptr, sizeof(Page), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    auto* page = new (memory) Page;
    const pid_t child = ::fork();
    if (child == 0)
    {
        sched_param param {};
        param.sched_priority = 60;
        ::pthread_setschedparam(::pthread_self(), SCHED_FIFO, &param);
        uint32_t answered = 0;
        while (! page->stop.load())
        {
            const uint32_t asked = page->request.load(std::memory_order_acquire);
            if (asked == answered)
            {
                futexWaitUntil(page->request, asked, monotonicAfter(100'000'000));
                continue;
            }
            answered = asked;
            page->done.store(asked, std::memory_order_release);
            futexWake(page->done);
        }
        ::_exit(0);
    }
    std::vector<double> samples;
    uint32_t sequence = 0;
    for (auto _ : state)
    {
        const auto start = std::chrono::steady_clock::now();
        page->request.store(++sequence, std::memory_order_release);
        futexWake(page->request);
        waitForValue(page->done, sequence, monotonicAfter(1'000'000'000));
        samples.push_back(microsecondsSince(start));
    }
    page->stop.store(true);
    futexWake(page->request);
    ::waitpid(child, nullptr, 0);
    ::munmap(memory, sizeof(Page));
    record(state, "FutexFloor", samples);
}

class NoBuiltIns final : public InsertFactory
{
public:
    std::unique_ptr<InsertProcessor> create(const ipc::Processor&, double, int, std::string& error) override
    {
        error = "no built-ins";
        return nullptr;
    }
};

int64_t spinNanoseconds()
{
    const char* text = std::getenv("LOOPHOLE_BENCH_SPIN_US");
    return int64_t(text != nullptr ? std::atof(text) : 25.0) * 1000;
}

SandboxOptions withSpin(int64_t nanoseconds)
{
    SandboxOptions options;
    options.spinBeforeWaitNs = nanoseconds;
    return options;
}

struct Rig
{
    NoBuiltIns builtIns;
    std::string cache = juce::File::getSpecialLocation(juce::File::tempDirectory)
                            .getChildFile("loophole-bench-sandbox-cache.json").getFullPathName().toStdString();
    PluginHost plugins { builtIns, cache };
    SandboxFactory factory { plugins, { {}, cache }, withSpin(0) }; // sleeps at once: the plain futex path
    SandboxFactory spinningFactory { plugins, { {}, cache }, withSpin(spinNanoseconds()) };
    ipc::PluginDescriptionT passThrough;

    Rig()
    {
        auto catalogue = plugins.scan({ LOOPHOLE_BENCH_PASS_THROUGH_PLUGIN }, false, {});
        if (! catalogue.plugins.empty())
            passThrough = *catalogue.plugins.front();
    }

    std::unique_ptr<InsertProcessor> make(SandboxFactory& from, ipc::IsolationMode mode, int frames)
    {
        flatbuffers::FlatBufferBuilder fbb;
        fbb.Finish(ipc::CreateProcessorDirect(fbb, 1, passThrough.format, passThrough.uid.c_str(),
                                              ipc::BuiltInKind::None, nullptr, false, mode));
        std::string error;
        auto insert = from.create(*flatbuffers::GetRoot<ipc::Processor>(fbb.GetBufferPointer()), 48000.0, frames, error);
        if (insert != nullptr)
            insert->prepare(48000.0, frames);
        else
            std::fprintf(stderr, "could not load the pass-through plugin: %s\n", error.c_str());
        return insert;
    }
};

Rig& rig()
{
    static Rig instance;
    return instance;
}

void runInsert(benchmark::State& state, SandboxFactory& factory, ipc::IsolationMode mode, const std::string& name)
{
    const int frames = static_cast<int>(state.range(0));
    auto insert = rig().make(factory, mode, frames);
    if (insert == nullptr)
    {
        state.SkipWithError("the pass-through plugin did not load");
        return;
    }
    juce::AudioBuffer<float> block(2, frames);
    juce::MidiBuffer midi;
    midi.ensureSize(1024);
    TransportInfo transport;
    transport.playing = true;
    std::vector<double> samples;
    const auto* sandboxed = SandboxFactory::sandboxed(*insert);
    auto missedSoFar = [&] { return sandboxed != nullptr ? sandboxed->missedBlocks() : 0; };
    for (auto _ : state)
    {
        for (int c = 0; c < 2; ++c)
            for (int i = 0; i < frames; ++i)
                block.setSample(c, i, 0.25f);
        InsertContext context { block, nullptr, midi, {}, transport };
        const auto missed = missedSoFar();
        const auto start = std::chrono::steady_clock::now();
        insert->process(context);
        const double took = microsecondsSince(start);
        // Blocks are sent back to back: after one miss, the next ones return at once while the
        // host is still busy (not sent at all). Those are no round trips; they are counted apart.
        if (missedSoFar() == missed)
            samples.push_back(took);
    }
    state.counters["missed"] = double(missedSoFar());
    missedBlocks[name + "/" + std::to_string(state.range(0))] = missedSoFar();
    record(state, name, samples);
}

void Sandboxed(benchmark::State& state) { runInsert(state, rig().factory, ipc::IsolationMode::PerPlugin, "Sandboxed"); }
void SandboxedSpin(benchmark::State& state)
{
    runInsert(state, rig().spinningFactory, ipc::IsolationMode::PerPlugin, "SandboxedSpin");
}
void InEngine(benchmark::State& state) { runInsert(state, rig().factory, ipc::IsolationMode::InEngine, "InEngine"); }

BENCHMARK(FutexFloor)->Arg(64)->Arg(256)->Iterations(20000)->UseRealTime();
BENCHMARK(Sandboxed)->Arg(64)->Arg(256)->Iterations(20000)->UseRealTime();
BENCHMARK(SandboxedSpin)->Arg(64)->Arg(256)->Iterations(20000)->UseRealTime();
BENCHMARK(InEngine)->Arg(64)->Arg(256)->Iterations(20000)->UseRealTime();

} // namespace

int main(int argc, char** argv)
{
    const juce::ScopedJuceInitialiser_GUI juce;
    if (const char* fifo = std::getenv("LOOPHOLE_BENCH_AUDIO_PRIORITY"); fifo != nullptr)
    {
        // As a JACK audio thread runs (65 in our setup, above the host's 60): the host can then
        // not preempt the measuring thread on a shared core, which is what a spin competes with.
        sched_param param {};
        param.sched_priority = std::atoi(fifo);
        if (::pthread_setschedparam(::pthread_self(), SCHED_FIFO, &param) != 0)
            std::fprintf(stderr, "could not run the benchmark at SCHED_FIFO %d\n", param.sched_priority);
    }
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    for (const char* frames : { "64", "256" })
    {
        const auto floor = results["FutexFloor/" + std::string(frames)];
        const auto sandboxed = results["Sandboxed/" + std::string(frames)];
        const auto inEngine = results["InEngine/" + std::string(frames)];
        const auto spin = results["SandboxedSpin/" + std::string(frames)];
        if (floor.median <= 0 || sandboxed.median <= 0)
            continue;
        const std::string at = "/" + std::string(frames);
        std::printf("%s frames: futex floor median %.1f us p99 %.1f us | sandboxed median %.1f us p99 %.1f us "
                    "(%llu blocks missed or not sent) | in-engine median %.2f us p99 %.2f us | sandboxed/floor "
                    "median %.2fx p99 %.2fx | sandbox overhead over in-engine (median) %.1f us\n",
                    frames, floor.median, floor.p99, sandboxed.median, sandboxed.p99,
                    static_cast<unsigned long long>(missedBlocks["Sandboxed" + at]), inEngine.median, inEngine.p99,
                    sandboxed.median / floor.median, sandboxed.p99 / floor.p99, sandboxed.median - inEngine.median);
        if (spin.median > 0)
            std::printf("%s frames: sandboxed with a %.0f us spin median %.1f us p99 %.1f us (%llu missed or not "
                        "sent) | spin/floor median %.2fx p99 %.2fx | spin/no-spin median %.2fx p99 %.2fx\n",
                        frames, double(spinNanoseconds()) / 1000.0, spin.median, spin.p99,
                        static_cast<unsigned long long>(missedBlocks["SandboxedSpin" + at]), spin.median / floor.median,
                        spin.p99 / floor.p99, spin.median / sandboxed.median, spin.p99 / sandboxed.p99);
    }
    return 0;
}
