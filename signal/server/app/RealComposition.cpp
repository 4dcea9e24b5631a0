// The shipped composition: the engine's built-in processors, wrapped by the plugin host
// when plugin hosting is compiled in, and by the sandbox factory, which runs each plugin
// where its Processor.isolation says; `Default` means the --isolation option (see signal/sandbox).
#include "app/Composition.h"

#include "control/BuiltInInsertFactory.h"

#if LOOPHOLE_WITH_PLUGINS
#include "PluginHost.h"
#include "control/SandboxFactory.h"
#include "control/SandboxedInsert.h"
#include "scan/ScanCache.h"
#endif

namespace loophole::signal {

namespace {

#if LOOPHOLE_WITH_PLUGINS
class SandboxRenderInserts final : public RenderInserts
{
public:
    explicit SandboxRenderInserts(sandbox::SandboxFactory& live) : render(live.offlineRender()) {}
    InsertFactory& factory() override { return *render; }
    std::string fault() override { return render->fault(); }

private:
    std::unique_ptr<sandbox::SandboxFactory::OfflineRender> render;
};

class HostedPlugins final : public PluginServices
{
public:
    HostedPlugins(PluginHost& h, sandbox::SandboxFactory& s) : host(h), sandboxes(s) {}

    ipc::PluginCatalogueT scan(const std::vector<std::string>& paths, bool rescanAll, ScanProgress progress) override
    {
        return host.scan(paths, rescanAll, std::move(progress));
    }
    bool openEditor(uint32_t id, InsertProcessor& insert, std::string& error) override
    {
        // A sandboxed plugin's editor opens in a window of its host process.
        if (auto* sandboxed = sandbox::SandboxFactory::sandboxed(insert))
            return sandboxed->openEditor(error) != 0;
        return host.openEditor(id, insert, error);
    }
    bool closeEditor(uint32_t id, InsertProcessor& insert) override
    {
        if (auto* sandboxed = sandbox::SandboxFactory::sandboxed(insert))
            return sandboxed->closeEditor();
        return host.closeEditor(id);
    }
    bool reload(uint32_t id, InsertProcessor& insert, std::string& error) override
    {
        // A sandboxed plugin's reload restarts its host process with its last known state.
        if (sandbox::SandboxFactory::sandboxed(insert) != nullptr)
            return sandboxes.reload(insert, error);
        return host.reload(id, insert, error);
    }
    std::string faultReason(InsertProcessor& insert) override
    {
        auto* sandboxed = sandbox::SandboxFactory::sandboxed(insert);
        return sandboxed != nullptr ? sandboxed->faultReason() : std::string();
    }
    std::unique_ptr<RenderInserts> renderInserts() override
    {
        return std::make_unique<SandboxRenderInserts>(sandboxes);
    }

private:
    PluginHost& host;
    sandbox::SandboxFactory& sandboxes;
};

ipc::IsolationMode isolationNamed(const std::string& name)
{
    if (name == "shared") return ipc::IsolationMode::SharedSandbox;
    if (name == "per-vendor") return ipc::IsolationMode::PerVendor;
    if (name == "per-plugin") return ipc::IsolationMode::PerPlugin;
    return ipc::IsolationMode::InEngine;
}

class FullComposition final : public Composition
{
public:
    explicit FullComposition(const Options& options) { sandboxes.setDefaultMode(isolationNamed(options.isolation)); }

    InsertFactory& inserts() override { return sandboxes; }
    PluginServices* plugins() override { return &services; }

private:
    BuiltInInsertFactory builtIns;
    PluginHost host { builtIns };
    sandbox::SandboxFactory sandboxes { host, { {}, defaultCacheFile() } };
    HostedPlugins services { host, sandboxes };
};
#else
class BuiltInsOnly final : public Composition
{
public:
    InsertFactory& inserts() override { return builtIns; }
    PluginServices* plugins() override { return nullptr; }

private:
    BuiltInInsertFactory builtIns;
};
#endif

} // namespace

std::unique_ptr<Composition> makeComposition(const Options& options)
{
#if LOOPHOLE_WITH_PLUGINS
    return std::make_unique<FullComposition>(options);
#else
    (void) options;
    return std::make_unique<BuiltInsOnly>();
#endif
}

} // namespace loophole::signal
