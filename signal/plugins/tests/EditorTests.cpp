// Plugin editors in native windows, under a virtual X server (ctest runs this binary via
// xvfb-run): ZamComp's own editor in every format that has one, screenshot from the X
// server, saved as PNG and checked not to be blank; resize requests; closing.
#include "Rendering.h"
#include "clap/ClapInsert.h"
#include "clap/abi/ext/Gui.h"
#include "hosting/HostedInsert.h"

#include <gtest/gtest.h>
#include <juce_graphics/juce_graphics.h>

#include <X11/Xlib.h>
#include <X11/Xutil.h>

namespace juce { bool dispatchNextMessageOnSystemQueue(bool returnIfNoPendingMessages); }

using namespace loophole;
using namespace loophole::signal;
using namespace loophole::signal::test;

namespace {

void pumpMessages(int milliseconds)
{
    const auto end = juce::Time::getMillisecondCounter() + static_cast<juce::uint32>(milliseconds);
    while (juce::Time::getMillisecondCounter() < end)
        if (! juce::dispatchNextMessageOnSystemQueue(true))
            juce::Thread::sleep(5);
}

struct Screenshot
{
    juce::Image image;
    double variance = 0.0;
};

/// What the X server shows in the window (child windows of the plugin included).
Screenshot grab(unsigned long window)
{
    Screenshot shot;
    Display* display = XOpenDisplay(nullptr);
    if (display == nullptr)
        return shot;
    XWindowAttributes attributes {};
    if (XGetWindowAttributes(display, window, &attributes) && attributes.width > 0 && attributes.height > 0)
        if (XImage* x = XGetImage(display, window, 0, 0, static_cast<unsigned>(attributes.width),
                                  static_cast<unsigned>(attributes.height), AllPlanes, ZPixmap))
        {
            shot.image = juce::Image(juce::Image::RGB, attributes.width, attributes.height, false);
            double sum = 0.0, sumSquares = 0.0;
            const double n = static_cast<double>(attributes.width) * attributes.height;
            for (int y = 0; y < attributes.height; ++y)
                for (int px = 0; px < attributes.width; ++px)
                {
                    const unsigned long pixel = XGetPixel(x, px, y);
                    const auto r = static_cast<juce::uint8>((pixel >> 16) & 0xff);
                    const auto g = static_cast<juce::uint8>((pixel >> 8) & 0xff);
                    const auto b = static_cast<juce::uint8>(pixel & 0xff);
                    shot.image.setPixelAt(px, y, juce::Colour(r, g, b));
                    const double luma = 0.299 * r + 0.587 * g + 0.114 * b;
                    sum += luma;
                    sumSquares += luma * luma;
                }
            shot.variance = sumSquares / n - (sum / n) * (sum / n);
            XDestroyImage(x);
        }
    XCloseDisplay(display);
    return shot;
}

void save(const juce::Image& image, const std::string& name)
{
    const auto file = juce::File(artifactsDir()).getChildFile(name);
    file.getParentDirectory().createDirectory();
    file.deleteFile();
    juce::FileOutputStream out(file);
    juce::PNGImageFormat().writeImageToStream(image, out);
}

class ZamCompEditor : public testing::TestWithParam<std::string> {};

} // namespace

TEST_P(ZamCompEditor, OpensShowsPixelsAndCloses)
{
    ASSERT_NE(std::getenv("DISPLAY"), nullptr) << "run under xvfb-run -a (ctest does)";
    NoBuiltIns builtIns;
    PluginHost host(builtIns, artifactsDir() + "/editor-scan-cache.json");
    auto catalogue = host.scan({ GetParam() }, false, {});
    ASSERT_EQ(catalogue.plugins.size(), 1u);
    ASSERT_FALSE(catalogue.plugins[0]->blocked) << catalogue.plugins[0]->blocked_reason;
    const auto format = std::string(ipc::EnumNamePluginFormat(catalogue.plugins[0]->format));

    std::string error;
    auto blob = processorFor(*catalogue.plugins[0]);
    auto insert = host.create(*blob->get(), sampleRate, blockSize, error);
    ASSERT_NE(insert, nullptr) << error;

    ASSERT_TRUE(host.openEditor(7, *insert, error)) << error;
    auto* editor = host.editor(7);
    ASSERT_NE(editor, nullptr);
    pumpMessages(1500);
    ASSERT_NE(editor->nativeWindow(), 0ul);
    EXPECT_GT(editor->width(), 50);
    EXPECT_GT(editor->height(), 50);

    const auto shot = grab(editor->nativeWindow());
    ASSERT_TRUE(shot.image.isValid());
    save(shot.image, "editor-ZamComp-" + format + ".png");
    // A drawn editor has knobs, text and meters; a blank or unpainted one is one flat colour.
    EXPECT_GT(shot.variance, 100.0) << "the editor window is (nearly) blank";
    std::cout << format << " editor " << shot.image.getWidth() << "x" << shot.image.getHeight()
              << ", luma variance " << shot.variance << "\n";

    if (auto* clapInsert = dynamic_cast<clapformat::ClapInsert*>(insert.get()))
    {
        // As the plugin would: ask the host for a new size through clap.gui.
        auto& instance = clapInsert->instance();
        const auto* gui = static_cast<const clap::HostGui*>(instance.hostExtensionFor(clap::guiExtension));
        ASSERT_NE(gui, nullptr);
        const int width = editor->width() + 40, height = editor->height() + 30;
        EXPECT_TRUE(gui->requestResize(&instance.host(), static_cast<uint32_t>(width), static_cast<uint32_t>(height)));
        pumpMessages(300);
        EXPECT_EQ(editor->width(), width);
        EXPECT_EQ(editor->height(), height);
    }

    EXPECT_TRUE(host.closeEditor(7));
    EXPECT_EQ(host.editor(7), nullptr);
    EXPECT_FALSE(host.closeEditor(7));
    pumpMessages(100);
}

INSTANTIATE_TEST_SUITE_P(EachFormat, ZamCompEditor,
                         testing::Values("/usr/lib/vst3/ZamComp.vst3", "/usr/lib/lv2/ZamComp.lv2", "/usr/lib/clap/ZamComp.clap"),
                         [](const testing::TestParamInfo<std::string>& info) {
                             return juce::File(info.param).getFileExtension().substring(1).toUpperCase().toStdString();
                         });
