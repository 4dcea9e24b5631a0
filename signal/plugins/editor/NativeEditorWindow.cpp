#include "NativeEditorWindow.h"

#include "XErrorsNonFatal.h"

#if JUCE_LINUX || JUCE_BSD
 #include <X11/Xlib.h>
#endif

namespace loophole::signal {

namespace {
#if JUCE_LINUX || JUCE_BSD
/// Grows every 1x1 window under `window` that holds a bigger child to that child's size.
void unclipEmbeddedWindows(Display* display, Window window, int depth = 0)
{
    Window root = 0, parent = 0, *children = nullptr;
    unsigned int count = 0;
    if (depth > 8 || ! XQueryTree(display, window, &root, &parent, &children, &count))
        return;
    for (unsigned int i = 0; i < count; ++i)
    {
        XWindowAttributes attributes {};
        if (! XGetWindowAttributes(display, children[i], &attributes))
            continue;
        if (attributes.width <= 1 && attributes.height <= 1)
        {
            Window r = 0, p = 0, *inner = nullptr;
            unsigned int innerCount = 0;
            int width = 0, height = 0;
            if (XQueryTree(display, children[i], &r, &p, &inner, &innerCount))
            {
                for (unsigned int j = 0; j < innerCount; ++j)
                {
                    XWindowAttributes a {};
                    if (XGetWindowAttributes(display, inner[j], &a))
                        width = std::max(width, a.x + a.width), height = std::max(height, a.y + a.height);
                }
                if (inner != nullptr)
                    XFree(inner);
            }
            if (width > 1 && height > 1)
                XResizeWindow(display, children[i], static_cast<unsigned>(width), static_cast<unsigned>(height));
        }
        unclipEmbeddedWindows(display, children[i], depth + 1);
    }
    if (children != nullptr)
        XFree(children);
}
#endif
} // namespace

NativeEditorWindow::NativeEditorWindow(const juce::String& title)
    : juce::DocumentWindow(title, juce::Colours::darkgrey, juce::DocumentWindow::closeButton, false)
{
    makeXErrorsNonFatal();
    // The native title bar keeps the client area equal to the editor, so foreign editors
    // embedded at (0, 0) of the peer fill it exactly.
    setUsingNativeTitleBar(true);
    setResizable(true, false);
    setSize(300, 200);
    addToDesktop();
    setVisible(true);
    toFront(false);
}

void NativeEditorWindow::setEditor(std::unique_ptr<juce::Component> editor)
{
    setContentOwned(editor.release(), true);
    startTimer(150);
}

void NativeEditorWindow::timerCallback()
{
    // JUCE's LV2 editors on Linux embed the plugin through an intermediate XEmbed window
    // that, without a window manager to resize it, stays 1x1 and clips the plugin's
    // editor to nothing. Growing such windows to their content fixes it.
#if JUCE_LINUX || JUCE_BSD
    if (Display* display = XOpenDisplay(nullptr))
    {
        unclipEmbeddedWindows(display, static_cast<Window>(nativeWindow()));
        XSync(display, False);
        XCloseDisplay(display);
    }
#endif
    if (++nudges_ >= 3)
        stopTimer();
}

unsigned long NativeEditorWindow::nativeWindow() const
{
    auto* peer = getPeer();
    return peer != nullptr ? reinterpret_cast<unsigned long>(peer->getNativeHandle()) : 0;
}

} // namespace loophole::signal
