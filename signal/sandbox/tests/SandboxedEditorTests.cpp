// Editors of sandboxed plugins, under a virtual X server (ctest runs this binary via xvfb-run):
// ZamComp's CLAP editor opens in a native window of its plugin host process (the engine's
// process opens none), shows pixels, closes on request, and goes with its host.
#include "SandboxRig.h"

#include "tests/XWindows.h"

#include <thread>

using namespace loophole::signal::sandbox;
using namespace loophole::signal::sandbox::test;
using loophole::signal::test::XWindows;

TEST(SandboxedEditor, OpensInItsHostProcessShowsPixelsClosesAndGoesWithTheHost)
{
    ASSERT_NE(std::getenv("DISPLAY"), nullptr) << "run under xvfb-run -a (ctest does)";
    XWindows x;
    ASSERT_TRUE(x.connected());
    SandboxRig rig;
    const auto plugin = rig.scan(zamPath("CLAP", "ZamComp"));
    auto insert = rig.make(plugin, loophole::ipc::IsolationMode::PerPlugin);
    ASSERT_NE(insert, nullptr);
    auto* sandboxed = SandboxFactory::sandboxed(*insert);
    ASSERT_NE(sandboxed, nullptr);

    std::string error;
    const unsigned long window = sandboxed->openEditor(error);
    ASSERT_NE(window, 0ul) << error;
    EXPECT_EQ(rig.plugins.editor(1), nullptr) << "the engine's process opened the editor itself";
    double variance = 0.0;
    for (int i = 0; i < 50 && variance <= 100.0; ++i) { // the host paints on its own message thread
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        variance = x.lumaVariance(window);
    }
    EXPECT_GT(variance, 100.0) << "the editor window is (nearly) blank";
    std::cout << "sandboxed ZamComp CLAP editor: window " << window << ", luma variance " << variance << "\n";

    EXPECT_TRUE(sandboxed->closeEditor());
    EXPECT_FALSE(x.exists(window)) << "the editor window outlived its close";
    EXPECT_FALSE(sandboxed->closeEditor()) << "nothing left to close";

    // Open again, then kill the host: the window belonged to it, so it goes with it.
    const unsigned long again = sandboxed->openEditor(error);
    ASSERT_NE(again, 0ul) << error;
    ASSERT_TRUE(x.exists(again));
    ::kill(sandboxed->host()->pid(), SIGKILL);
    for (int i = 0; i < 100 && x.exists(again); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_FALSE(x.exists(again)) << "the editor window is not the host's";
    EXPECT_EQ(sandboxed->openEditor(error), 0ul);
    EXPECT_NE(error.find("killed by SIGKILL"), std::string::npos) << error;
}
