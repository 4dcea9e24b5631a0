#include "XErrorsNonFatal.h"

#include <juce_core/system/juce_TargetPlatform.h>

#include <mutex>

#if JUCE_LINUX || JUCE_BSD
 #include <X11/Xlib.h>
#endif

namespace loophole::signal {

void makeXErrorsNonFatal()
{
#if JUCE_LINUX || JUCE_BSD
    static std::once_flag once;
    std::call_once(once, [] {
        XSetErrorHandler([](Display*, XErrorEvent*) { return 0; });
    });
#endif
}

} // namespace loophole::signal
