// Editors of sandboxed plugins, under a virtual X server (ctest runs this binary via xvfb-run):
// ZamComp's CLAP editor opens in a native window of its plugin host process (the engine's
// process opens none), shows pixels, closes on request, and goes with its host.
#include "SandboxRig.h"

#include <X11/Xlib.h>
#include <X11/Xutil.h>

#include <thread>

using namespace loophole::signal::sandbox;
using namespace loophole::signal::sandbox::test;

namespace {

/// A connection to the X server of its own, so the checks see what any client would.
struct XDisplay
{
    XDisplay()
    {
        XSetErrorHandler([](Display*, XErrorEvent*) { return 0; }); // a vanished window is an answer here
        display = XOpenDisplay(nullptr);
    }
    ~XDisplay()
    {
        if (display != nullptr)
            XCloseDisplay(display);
    }
    bool exists(unsigned long window)
    {
        XWindowAttributes attributes {};
        XSync(display, False);
        return XGetWindowAttributes(display, window, &attributes) != 0;
    }
    /// The luma variance of what the window shows: a drawn editor has knobs and text.
    double variance(unsigned long window)
    {
        XWindowAttributes attributes {};
        if (! XGetWindowAttributes(display, window, &attributes) || attributes.width <= 0 || attributes.height <= 0)
            return 0.0;
        XImage* image = XGetImage(display, window, 0, 0, unsigned(attributes.width), unsigned(attributes.height),
                                  AllPlanes, ZPixmap);
        if (image == nullptr)
            return 0.0;
        double sum = 0.0, squares = 0.0;
        const double n = double(attributes.width) * attributes.height;
        for (int y = 0; y < attributes.height; ++y)
            for (int x = 0; x < attributes.width; ++x) {
                const unsigned long p = XGetPixel(image, x, y);
                const double luma = 0.299 * ((p >> 16) & 0xff) + 0.587 * ((p >> 8) & 0xff) + 0.114 * (p & 0xff);
                sum += luma;
                squares += luma * luma;
            }
        XDestroyImage(image);
        return squares / n - (sum / n) * (sum / n);
    }
    Display* display = nullptr;
};

} // namespace

TEST(SandboxedEditor, OpensInItsHostProcessShowsPixelsClosesAndGoesWithTheHost)
{
    ASSERT_NE(std::getenv("DISPLAY"), nullptr) << "run under xvfb-run -a (ctest does)";
    XDisplay x;
    ASSERT_NE(x.display, nullptr);
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
        variance = x.variance(window);
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
