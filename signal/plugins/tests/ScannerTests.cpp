// The crash-safe scanner: plugins that crash or hang while loading are blocked with the
// reason, the rest of the scan completes, and an unchanged rescan comes from the cache.
#include "Rendering.h"
#include "scan/PluginScanner.h"
#include "scan/ScanCache.h"

#include <gtest/gtest.h>

#include <cstdio>

using namespace loophole;
using namespace loophole::signal;
using namespace loophole::signal::test;

namespace {

const ipc::PluginDescriptionT* byPath(const ipc::PluginCatalogueT& catalogue, const std::string& fragment)
{
    for (const auto& p : catalogue.plugins)
        if (p->path.find(fragment) != std::string::npos)
            return p.get();
    return nullptr;
}

std::string freshCache(const char* name)
{
    const auto file = juce::File(artifactsDir()).getChildFile(name);
    file.getParentDirectory().createDirectory();
    file.deleteFile();
    return file.getFullPathName().toStdString();
}

} // namespace

TEST(Scanner, BlocksCrashingAndHangingPluginsAndFinishesTheScan)
{
    ScanOptions options;
    options.paths = { testPluginDir(), "/usr/lib/clap/ZamComp.clap", "/usr/lib/vst3/ZamEQ2.vst3" };
    options.cacheFile = freshCache("scanner-test-cache.json");
    options.timeoutSeconds = 2.0;
    std::vector<std::string> progress;
    const auto report = scanPlugins(options, [&](double done, const std::string& detail) {
        EXPECT_GT(done, 0.0);
        EXPECT_LE(done, 1.0);
        progress.push_back(detail);
    });
    const auto& catalogue = report.catalogue;
    EXPECT_EQ(progress.size(), 7u); // crash, hang, nan, note echo (CLAP), abort (VST3), two zam

    const auto* crash = byPath(catalogue, "LoopholeCrash.clap");
    ASSERT_NE(crash, nullptr);
    EXPECT_TRUE(crash->blocked);
    EXPECT_EQ(crash->blocked_reason, "crashed: SIGSEGV");

    const auto* abort = byPath(catalogue, "LoopholeAbort.vst3");
    ASSERT_NE(abort, nullptr);
    EXPECT_TRUE(abort->blocked);
    EXPECT_EQ(abort->blocked_reason, "crashed: SIGABRT");

    const auto* hang = byPath(catalogue, "LoopholeHang.clap");
    ASSERT_NE(hang, nullptr);
    EXPECT_TRUE(hang->blocked);
    EXPECT_EQ(hang->blocked_reason, "timed out after 2 s");

    const auto* nan = byPath(catalogue, "LoopholeNan.clap");
    ASSERT_NE(nan, nullptr);
    EXPECT_FALSE(nan->blocked);
    EXPECT_EQ(nan->uid, "dev.loophole.test.nan");
    EXPECT_EQ(nan->main_inputs, 2);
    ASSERT_EQ(nan->parameters.size(), 1u);
    EXPECT_EQ(nan->parameters[0]->name, "poison");

    const auto* zamClap = byPath(catalogue, "ZamComp.clap");
    ASSERT_NE(zamClap, nullptr);
    EXPECT_FALSE(zamClap->blocked);
    EXPECT_EQ(zamClap->name, "ZamComp");
    EXPECT_FALSE(zamClap->vendor.empty());
    EXPECT_GT(zamClap->parameters.size(), 3u);

    const auto* zamVst3 = byPath(catalogue, "ZamEQ2.vst3");
    ASSERT_NE(zamVst3, nullptr);
    EXPECT_FALSE(zamVst3->blocked);
    EXPECT_EQ(zamVst3->format, ipc::PluginFormat::VST3);
    EXPECT_EQ(zamVst3->uid.size(), 8u);
}

TEST(Scanner, UnchangedRescanComesFromTheCacheAndARescanProbesAgain)
{
    ScanOptions options;
    options.paths = { "/usr/lib/clap/ZamDelay.clap", "/usr/lib/lv2/ZamDelay.lv2", testPluginDir() + "/clap/LoopholeCrash.clap" };
    options.cacheFile = freshCache("cache-hit-test.json");
    const auto cold = scanPlugins(options, {});
    EXPECT_EQ(cold.probed, 3);
    EXPECT_EQ(cold.cached, 0);

    const auto warm = scanPlugins(options, {});
    EXPECT_EQ(warm.probed, 0);
    EXPECT_EQ(warm.cached, 3);
    ASSERT_EQ(warm.catalogue.plugins.size(), cold.catalogue.plugins.size());
    for (size_t i = 0; i < warm.catalogue.plugins.size(); ++i)
    {
        EXPECT_EQ(warm.catalogue.plugins[i]->uid, cold.catalogue.plugins[i]->uid);
        EXPECT_EQ(warm.catalogue.plugins[i]->blocked, cold.catalogue.plugins[i]->blocked);
        EXPECT_EQ(warm.catalogue.plugins[i]->parameters.size(), cold.catalogue.plugins[i]->parameters.size());
    }

    options.rescanAll = true;
    const auto forced = scanPlugins(options, {});
    EXPECT_EQ(forced.probed, 3);
}

TEST(Scanner, RetriesTimeoutsButKeepsVerdictsAboutThePlugin)
{
    ScanOptions options;
    options.paths = { testPluginDir() + "/clap/LoopholeHang.clap", testPluginDir() + "/clap/LoopholeCrash.clap" };
    options.cacheFile = freshCache("retry-test-cache.json");
    options.timeoutSeconds = 0.5;
    EXPECT_EQ(scanPlugins(options, {}).probed, 2);
    // The crash is a fact about the plugin; the timeout may have been a busy machine.
    for (int attempt = 2; attempt <= ScanCache::attemptsBeforeKeepingTransientVerdicts; ++attempt)
    {
        const auto again = scanPlugins(options, {});
        EXPECT_EQ(again.probed, 1) << "scan " << attempt;
        EXPECT_EQ(again.cached, 1) << "scan " << attempt;
    }
    const auto settled = scanPlugins(options, {});
    EXPECT_EQ(settled.probed, 0);
    const auto* hang = byPath(settled.catalogue, "LoopholeHang.clap");
    ASSERT_NE(hang, nullptr);
    EXPECT_TRUE(hang->blocked);
    EXPECT_EQ(hang->blocked_reason, "timed out after 0.5 s");
}

TEST(Scanner, AProbeThatCannotStartBlocksNothingForGood)
{
    ScanOptions options;
    options.paths = { "/usr/lib/clap/ZamDelay.clap" };
    options.cacheFile = freshCache("missing-probe-cache.json");
    options.probeExecutable = "/nonexistent/loophole-plugin-scan";
    const auto broken = scanPlugins(options, {});
    ASSERT_EQ(broken.catalogue.plugins.size(), 1u);
    EXPECT_TRUE(broken.catalogue.plugins[0]->blocked);
    EXPECT_NE(broken.catalogue.plugins[0]->blocked_reason.find("cannot start the probe process"), std::string::npos);

    options.probeExecutable.clear();
    const auto repaired = scanPlugins(options, {});
    EXPECT_EQ(repaired.probed, 1);
    const auto* delay = byPath(repaired.catalogue, "ZamDelay.clap");
    ASSERT_NE(delay, nullptr);
    EXPECT_FALSE(delay->blocked);
}

TEST(Scanner, ExecutablePrintsTheCatalogueAsJson)
{
    const auto cache = freshCache("executable-test-cache.json");
    const std::string command = probeExecutablePath() + " --json --timeout 2 --cache " + cache + " "
                              + testPluginDir() + "/clap /usr/lib/clap/ZamGate.clap 2>/dev/null";
    FILE* pipe = popen(command.c_str(), "r");
    ASSERT_NE(pipe, nullptr);
    std::string output;
    char chunk[4096];
    while (size_t n = fread(chunk, 1, sizeof(chunk), pipe))
        output.append(chunk, n);
    ASSERT_EQ(pclose(pipe), 0);

    const auto json = juce::JSON::parse(juce::String(output));
    auto* plugins = json.getProperty("plugins", {}).getArray();
    ASSERT_NE(plugins, nullptr) << output;
    EXPECT_EQ(plugins->size(), 5); // crash, hang, nan, note echo, ZamGate
    int blocked = 0;
    for (const auto& p : *plugins)
    {
        blocked += static_cast<bool>(p.getProperty("blocked", false)) ? 1 : 0;
        if (p.getProperty("name", "") == "ZamGate")
        {
            EXPECT_EQ(p.getProperty("format", "").toString(), "CLAP");
            EXPECT_GT(p.getProperty("parameters", {}).size(), 2);
        }
    }
    EXPECT_EQ(blocked, 2);
    EXPECT_EQ(static_cast<int>(json.getProperty("probed", -1)), 5);
}
