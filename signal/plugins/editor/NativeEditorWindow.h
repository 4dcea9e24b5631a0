// A top-level JUCE window holding a plugin editor: a JUCE editor component, or an empty
// area a foreign (CLAP/X11) editor embeds itself into. Closing the window only hides it;
// the owner destroys it through PluginHost::closeEditor.
#pragma once

#include "hosting/HostedInsert.h"

#include <juce_gui_basics/juce_gui_basics.h>

namespace loophole::signal {

class NativeEditorWindow final : public juce::DocumentWindow, public EditorWindow, private juce::Timer
{
public:
    /// Shows an empty window at once: JUCE's X11 connection (and its X error handler, which
    /// keeps a plugin's harmless X errors from killing the process) must exist before any
    /// plugin creates its own editor window.
    explicit NativeEditorWindow(const juce::String& title);
    void setEditor(std::unique_ptr<juce::Component> editor);

    unsigned long nativeWindow() const override;
    int width() const override { return getWidth(); }
    int height() const override { return getHeight(); }

    void closeButtonPressed() override { setVisible(false); }

private:
    void timerCallback() override;
    int nudges_ = 0;
};

} // namespace loophole::signal
