#include "Lv2SidechainPorts.h"

#include <lilv/lilv/lilv.h>

#include <memory>

namespace loophole::signal::juceformats {

namespace {

constexpr const char* lv2Core = "http://lv2plug.in/ns/lv2core#";
constexpr const char* portGroup = "http://lv2plug.in/ns/ext/port-groups#group";

struct WorldDeleter
{
    void operator()(LilvWorld* world) const { lilv_world_free(world); }
};
struct NodeDeleter
{
    void operator()(LilvNode* node) const { lilv_node_free(node); }
};
using Node = std::unique_ptr<LilvNode, NodeDeleter>;

} // namespace

std::vector<int> lv2SidechainChannels(const std::string& bundle, const std::string& uri)
{
    std::unique_ptr<LilvWorld, WorldDeleter> world(lilv_world_new());
    if (world == nullptr)
        return {};
    const auto directory = bundle.empty() || bundle.back() != '/' ? bundle + "/" : bundle; // lilv wants the slash
    const Node bundleNode(lilv_new_file_uri(world.get(), nullptr, directory.c_str()));
    lilv_world_load_bundle(world.get(), bundleNode.get());
    const Node pluginUri(lilv_new_uri(world.get(), uri.c_str()));
    const auto* plugin = lilv_plugins_get_by_uri(lilv_world_get_all_plugins(world.get()), pluginUri.get());
    if (plugin == nullptr)
        return {};

    const auto core = [&](const char* name) { return Node(lilv_new_uri(world.get(), (std::string(lv2Core) + name).c_str())); };
    const auto audioPort = core("AudioPort"), inputPort = core("InputPort"), sidechain = core("isSideChain"),
               optional = core("connectionOptional");
    const Node group(lilv_new_uri(world.get(), portGroup));

    // Mirrors JUCE's ungrouped case: required audio inputs, in port order, are the main bus.
    std::vector<int> result;
    int channel = 0;
    for (uint32_t i = 0; i < lilv_plugin_get_num_ports(plugin); ++i)
    {
        const auto* port = lilv_plugin_get_port_by_index(plugin, i);
        if (! lilv_port_is_a(plugin, port, audioPort.get()) || ! lilv_port_is_a(plugin, port, inputPort.get()))
            continue;
        if (Node(lilv_port_get(plugin, port, group.get())) != nullptr)
            return {};
        if (lilv_port_has_property(plugin, port, optional.get()))
            continue;
        if (lilv_port_has_property(plugin, port, sidechain.get()))
            result.push_back(channel);
        ++channel;
    }
    return result;
}

} // namespace loophole::signal::juceformats
