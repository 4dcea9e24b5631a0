// What an X server shows, for editor tests that run under xvfb-run: whether a window exists,
// whether it has been drawn on, and which windows a process owns. A connection of its own, so
// the checks see what any other client would.
#pragma once

#include <X11/Xatom.h>
#include <X11/Xlib.h>
#include <X11/Xutil.h>

#include <sys/types.h>
#include <vector>

namespace loophole::signal::test {

class XWindows
{
public:
    XWindows()
    {
        XSetErrorHandler([](Display*, XErrorEvent*) { return 0; }); // a vanished window is an answer here
        display_ = XOpenDisplay(nullptr);
    }
    ~XWindows()
    {
        if (display_ != nullptr)
            XCloseDisplay(display_);
    }
    XWindows(const XWindows&) = delete;
    XWindows& operator=(const XWindows&) = delete;

    bool connected() const { return display_ != nullptr; }

    bool exists(unsigned long window)
    {
        XWindowAttributes attributes {};
        XSync(display_, False);
        return XGetWindowAttributes(display_, window, &attributes) != 0;
    }

    /// The luma variance of what the window shows: a drawn editor has knobs and text, a blank one ~0.
    double lumaVariance(unsigned long window)
    {
        XWindowAttributes attributes {};
        if (! XGetWindowAttributes(display_, window, &attributes) || attributes.width <= 0 || attributes.height <= 0)
            return 0.0;
        XImage* image = XGetImage(display_, window, 0, 0, unsigned(attributes.width), unsigned(attributes.height),
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

    /// Viewable top-level windows whose _NET_WM_PID is `pid` (JUCE sets it on every window it makes).
    std::vector<unsigned long> shownBy(pid_t pid)
    {
        std::vector<unsigned long> found;
        XSync(display_, False);
        Window root = 0, parent = 0, *children = nullptr;
        unsigned int count = 0;
        if (! XQueryTree(display_, DefaultRootWindow(display_), &root, &parent, &children, &count))
            return found;
        for (unsigned int i = 0; i < count; ++i) {
            XWindowAttributes attributes {};
            if (XGetWindowAttributes(display_, children[i], &attributes) && attributes.map_state == IsViewable
                && ownerOf(children[i]) == pid)
                found.push_back(children[i]);
        }
        XFree(children);
        return found;
    }

private:
    pid_t ownerOf(Window window)
    {
        const Atom property = XInternAtom(display_, "_NET_WM_PID", True);
        if (property == None)
            return -1;
        Atom type = None;
        int format = 0;
        unsigned long items = 0, after = 0;
        unsigned char* data = nullptr;
        pid_t owner = -1;
        if (XGetWindowProperty(display_, window, property, 0, 1, False, XA_CARDINAL, &type, &format, &items, &after,
                               &data) == Success
            && data != nullptr && format == 32 && items == 1)
            owner = pid_t(*reinterpret_cast<const unsigned long*>(data)); // 32-bit items come as longs
        if (data != nullptr)
            XFree(data);
        return owner;
    }

    Display* display_ = nullptr;
};

} // namespace loophole::signal::test
