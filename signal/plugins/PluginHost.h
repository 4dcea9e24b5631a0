// Signal's plugin host: makes inserts for every plugin format (built-ins are delegated),
// scans crash-safely, and shows plugin editors. The engine sees only InsertProcessor.
//
// Threads: create/scan/reload from the control thread (JUCE-format instantiation is
// marshalled to the message thread); openEditor/closeEditor on the JUCE message thread.
#pragma once

#include "rt/graph/InsertProcessor.h"
#include "loophole/ipc/events_generated.h"
#include "loophole/ipc/graph_generated.h"

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace loophole::signal {

class EditorWindow;

class PluginHost : public InsertFactory
{
public:
    explicit PluginHost(InsertFactory& builtIns, std::string cacheFile = {});
    ~PluginHost() override;

    std::unique_ptr<InsertProcessor> create(const ipc::Processor& description, double sampleRate,
                                            int maxBlockSize, std::string& error) override;

    ipc::PluginCatalogueT scan(const std::vector<std::string>& paths, bool rescanAll,
                               std::function<void(double done, const std::string& detail)> progress);

    bool openEditor(uint32_t processorId, InsertProcessor& insert, std::string& error);
    bool closeEditor(uint32_t processorId);
    /// The open editor of a processor, or nullptr.
    EditorWindow* editor(uint32_t processorId);

    /// Clears a fault (BadOutput) after reloading the plugin's last state into it.
    bool reload(uint32_t processorId, InsertProcessor& insert, std::string& error);

    /// Seconds a probe may take before the plugin is blocked as hung (default 10).
    void setScanTimeout(double seconds) { scanTimeout_ = seconds; }

    /// The catalogue entry `create` would use, or nullptr.
    const ipc::PluginDescriptionT* find(ipc::PluginFormat format, const std::string& uid) const;

private:
    void adoptCatalogue(const ipc::PluginCatalogueT& catalogue);

    InsertFactory& builtIns_;
    std::string cacheFile_;
    double scanTimeout_ = 10.0;
    mutable std::mutex catalogueMutex_;
    std::map<std::pair<ipc::PluginFormat, std::string>, ipc::PluginDescriptionT> catalogue_;
    std::map<uint32_t, std::unique_ptr<EditorWindow>> editors_;
};

} // namespace loophole::signal
