// ClapInsert::openEditor: the plugin's clap.gui embedded (X11) into a window we create.
#include "ClapInsert.h"
#include "editor/NativeEditorWindow.h"

namespace loophole::signal::clapformat {

namespace {

/// The area the plugin's X11 window is parented to; owns the plugin GUI's lifetime.
class ClapEditorArea final : public juce::Component
{
public:
    ClapEditorArea(ClapInstance& instance, uint32_t w, uint32_t h) : instance_(instance)
    {
        setSize(static_cast<int>(w), static_cast<int>(h));
    }
    ~ClapEditorArea() override
    {
        instance_.onResizeRequest = nullptr;
        if (auto* gui = instance_.gui())
        {
            gui->hide(&instance_.plugin());
            gui->destroy(&instance_.plugin());
        }
    }
    void resized() override
    {
        if (auto* gui = instance_.gui(); gui != nullptr && attached_)
            gui->setSize(&instance_.plugin(), static_cast<uint32_t>(getWidth()), static_cast<uint32_t>(getHeight()));
    }
    bool attached_ = false;

private:
    ClapInstance& instance_;
};

} // namespace

std::unique_ptr<EditorWindow> ClapInsert::openEditor(std::string& error)
{
#if JUCE_LINUX || JUCE_BSD
    auto* gui = instance_->gui();
    const auto& plugin = instance_->plugin();
    if (gui == nullptr || ! gui->isApiSupported(&plugin, clap::windowApiX11, false))
    {
        error = description().name + " has no embeddable X11 editor";
        return nullptr;
    }
    auto window = std::make_unique<NativeEditorWindow>(juce::String(description().name));
    if (! gui->create(&plugin, clap::windowApiX11, false))
    {
        error = description().name + " could not create its editor";
        return nullptr;
    }
    gui->setScale(&plugin, 1.0);
    uint32_t w = 400, h = 300;
    gui->getSize(&plugin, &w, &h);

    auto area = std::make_unique<ClapEditorArea>(*instance_, w, h);
    auto* areaPtr = area.get();
    window->setEditor(std::move(area));
    instance_->onResizeRequest = [areaPtr, win = window.get()](uint32_t width, uint32_t height) {
        win->setContentComponentSize(static_cast<int>(width), static_cast<int>(height));
        return areaPtr->getWidth() == static_cast<int>(width);
    };

    clap::Window parent {};
    parent.api = clap::windowApiX11;
    parent.x11 = window->nativeWindow();
    if (parent.x11 == 0 || ! gui->setParent(&plugin, &parent))
    {
        error = description().name + " refused to embed its editor";
        return nullptr; // the area's destructor destroys the plugin GUI
    }
    areaPtr->attached_ = true;
    gui->show(&plugin);
    return window;
#else
    error = "CLAP editors are only hosted on X11 so far";
    return nullptr;
#endif
}

} // namespace loophole::signal::clapformat
