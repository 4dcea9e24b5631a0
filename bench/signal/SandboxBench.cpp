// Sandboxed plugin overhead (issue 5), per block, at 64 and 256 frames:
//   FutexFloor/N        the raw floor: one futex round trip between two processes through a
//                       shared page (wake the other side, sleep until it answers), nothing else
//   Sandboxed/N         SandboxedInsert::process() of a pass-through CLAP plugin (Loophole
//                       Stall, never told to stall) in its own loophole-plugin-host
//   InEngine/N          the same plugin's process() hosted in this process
// Each iteration is timed on its own; the run prints median and p99 of each and the ratio
// Sandboxed / FutexFloor (the target: at most 2x at the median) and Sandboxed - InEngine
// (what the sandbox itself costs per plugin and block). The far side of both cross-process
// cases asks for SCHED_FIFO 60, as the plugin host's block thread does.
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

struct Rig
{
    NoBuiltIns builtIns;
    std::string cache = juce::File::getSpecialLocation(juce::File::tempDirectory)
                            .getChildFile("loophole-bench-sandbox-cache.json").getFullPathName().toStdString();
    PluginHost plugins { builtIns, cache };
    SandboxFactory factory { plugins, { {}, cache } };
    ipc::PluginDescriptionT passThrough;

    Rig()
    {
        auto catalogue = plugins.scan({ LOOPHOLE_BENCH_PASS_THROUGH_PLUGIN }, false, {});
        if (! catalogue.plugins.empty())
            passThrough = *catalogue.plugins.front();
    }

    std::unique_ptr<InsertProcessor> make(ipc::IsolationMode mode, int frames)
    {
        flatbuffers::FlatBufferBuilder fbb;
        fbb.Finish(ipc::CreateProcessorDirect(fbb, 1, passThrough.format, passThrough.uid.c_str(),
                                              ipc::BuiltInKind::None, nullptr, false, mode));
        std::string error;
        auto insert = factory.create(*flatbuffers::GetRoot<ipc::Processor>(fbb.GetBufferPointer()), 48000.0, frames, error);
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

void runInsert(benchmark::State& state, ipc::IsolationMode mode, const std::string& name)
{
    const int frames = static_cast<int>(state.range(0));
    auto insert = rig().make(mode, frames);
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
    for (auto _ : state)
    {
        for (int c = 0; c < 2; ++c)
            for (int i = 0; i < frames; ++i)
                block.setSample(c, i, 0.25f);
        InsertContext context { block, nullptr, midi, {}, transport };
        const auto start = std::chrono::steady_clock::now();
        insert->process(context);
        samples.push_back(microsecondsSince(start));
    }
    if (auto* sandboxed = SandboxFactory::sandboxed(*insert); sandboxed != nullptr)
        state.counters["missed"] = double(sandboxed->missedBlocks());
    record(state, name, samples);
}

void Sandboxed(benchmark::State& state) { runInsert(state, ipc::IsolationMode::PerPlugin, "Sandboxed"); }
void InEngine(benchmark::State& state) { runInsert(state, ipc::IsolationMode::InEngine, "InEngine"); }

BENCHMARK(FutexFloor)->Arg(64)->Arg(256)->Iterations(20000)->UseRealTime();
BENCHMARK(Sandboxed)->Arg(64)->Arg(256)->Iterations(20000)->UseRealTime();
BENCHMARK(InEngine)->Arg(64)->Arg(256)->Iterations(20000)->UseRealTime();

} // namespace

int main(int argc, char** argv)
{
    const juce::ScopedJuceInitialiser_GUI juce;
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    for (const char* frames : { "64", "256" })
    {
        const auto floor = results["FutexFloor/" + std::string(frames)];
        const auto sandboxed = results["Sandboxed/" + std::string(frames)];
        const auto inEngine = results["InEngine/" + std::string(frames)];
        if (floor.median <= 0 || sandboxed.median <= 0)
            continue;
        std::printf("%s frames: futex floor median %.1f us p99 %.1f us | sandboxed median %.1f us p99 %.1f us | "
                    "in-engine median %.2f us p99 %.2f us | sandboxed/floor median %.2fx p99 %.2fx | "
                    "sandbox overhead over in-engine (median) %.1f us\n",
                    frames, floor.median, floor.p99, sandboxed.median, sandboxed.p99, inEngine.median, inEngine.p99,
                    sandboxed.median / floor.median, sandboxed.p99 / floor.p99, sandboxed.median - inEngine.median);
    }
    return 0;
}
