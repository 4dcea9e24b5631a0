#include "CatalogueJson.h"

namespace loophole::signal {

std::string formatName(ipc::PluginFormat format)
{
    return ipc::EnumNamePluginFormat(format);
}

ipc::PluginFormat formatFromName(const std::string& name)
{
    for (auto format : ipc::EnumValuesPluginFormat())
        if (juce::String(name).equalsIgnoreCase(ipc::EnumNamePluginFormat(format)))
            return format;
    return ipc::PluginFormat::None;
}

juce::var toJson(const ipc::PluginDescriptionT& p)
{
    auto* o = new juce::DynamicObject();
    o->setProperty("uid", juce::String(p.uid));
    o->setProperty("format", juce::String(formatName(p.format)));
    o->setProperty("name", juce::String(p.name));
    o->setProperty("vendor", juce::String(p.vendor));
    o->setProperty("version", juce::String(p.version));
    o->setProperty("category", juce::String(p.category));
    o->setProperty("path", juce::String(p.path));
    o->setProperty("is_instrument", p.is_instrument);
    o->setProperty("main_inputs", static_cast<int>(p.main_inputs));
    o->setProperty("main_outputs", static_cast<int>(p.main_outputs));
    o->setProperty("sidechain_inputs", static_cast<int>(p.sidechain_inputs));
    o->setProperty("latency_samples", static_cast<int>(p.latency_samples));
    juce::Array<juce::var> parameters;
    for (const auto& parameter : p.parameters)
    {
        auto* po = new juce::DynamicObject();
        po->setProperty("index", static_cast<int>(parameter->index));
        po->setProperty("name", juce::String(parameter->name));
        po->setProperty("default_value", parameter->default_value);
        po->setProperty("automatable", parameter->automatable);
        parameters.add(juce::var(po));
    }
    o->setProperty("parameters", parameters);
    o->setProperty("blocked", p.blocked);
    o->setProperty("blocked_reason", juce::String(p.blocked_reason));
    return juce::var(o);
}

juce::var toJson(const std::vector<ipc::PluginDescriptionT>& plugins)
{
    juce::Array<juce::var> array;
    for (const auto& p : plugins)
        array.add(toJson(p));
    return array;
}

std::optional<ipc::PluginDescriptionT> pluginFromJson(const juce::var& json)
{
    if (! json.isObject() || ! json.hasProperty("uid") || ! json.hasProperty("format"))
        return std::nullopt;
    ipc::PluginDescriptionT p;
    auto str = [&](const char* key) { return json.getProperty(key, "").toString().toStdString(); };
    auto num = [&](const char* key) { return static_cast<int>(json.getProperty(key, 0)); };
    p.uid = str("uid");
    p.format = formatFromName(str("format"));
    p.name = str("name");
    p.vendor = str("vendor");
    p.version = str("version");
    p.category = str("category");
    p.path = str("path");
    p.is_instrument = static_cast<bool>(json.getProperty("is_instrument", false));
    p.main_inputs = static_cast<uint16_t>(juce::jlimit(0, 65535, num("main_inputs")));
    p.main_outputs = static_cast<uint16_t>(juce::jlimit(0, 65535, num("main_outputs")));
    p.sidechain_inputs = static_cast<uint16_t>(juce::jlimit(0, 65535, num("sidechain_inputs")));
    p.latency_samples = static_cast<uint32_t>(std::max(0, num("latency_samples")));
    if (auto* parameters = json.getProperty("parameters", {}).getArray())
        for (const auto& v : *parameters)
        {
            auto info = std::make_unique<ipc::PluginParameterInfoT>();
            info->index = static_cast<uint32_t>(std::max(0, static_cast<int>(v.getProperty("index", 0))));
            info->name = v.getProperty("name", "").toString().toStdString();
            info->default_value = static_cast<float>(static_cast<double>(v.getProperty("default_value", 0.0)));
            info->automatable = static_cast<bool>(v.getProperty("automatable", false));
            p.parameters.push_back(std::move(info));
        }
    p.blocked = static_cast<bool>(json.getProperty("blocked", false));
    p.blocked_reason = str("blocked_reason");
    if (p.format == ipc::PluginFormat::None)
        return std::nullopt;
    return p;
}

std::vector<ipc::PluginDescriptionT> pluginsFromJson(const juce::var& array)
{
    std::vector<ipc::PluginDescriptionT> result;
    if (auto* items = array.getArray())
        for (const auto& item : *items)
            if (auto p = pluginFromJson(item))
                result.push_back(std::move(*p));
    return result;
}

ipc::PluginDescriptionT copyOf(const ipc::PluginDescriptionT& plugin)
{
    return plugin;
}

} // namespace loophole::signal
