#include "NativeEditorWindow.h"

namespace loophole::signal {

NativeEditorWindow::NativeEditorWindow(const juce::String& title, std::unique_ptr<juce::Component> content)
    : juce::DocumentWindow(title, juce::Colours::darkgrey, juce::DocumentWindow::closeButton, true)
{
    // The native title bar keeps the client area equal to the editor, so foreign editors
    // embedded at (0, 0) of the peer fill it exactly.
    setUsingNativeTitleBar(true);
    setContentOwned(content.release(), true);
    setResizable(true, false);
    setVisible(true);
    toFront(false);
}

unsigned long NativeEditorWindow::nativeWindow() const
{
    auto* peer = getPeer();
    return peer != nullptr ? reinterpret_cast<unsigned long>(peer->getNativeHandle()) : 0;
}

} // namespace loophole::signal
