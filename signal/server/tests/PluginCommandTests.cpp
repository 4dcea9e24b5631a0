// Plugin commands through the real plugin host: a scan of real zam-plugins reports
// Progress and answers with the catalogue; commands on unknown processors are UnknownNode.
#include "support/Offline.h"

#include <filesystem>

using namespace loophole::signal;
namespace ipc = loophole::ipc;
using namespace loophole::signal::testing;

TEST(Plugins, ScanReportsProgressThenTheCatalogue)
{
    if (! LOOPHOLE_SIGNAL_HAS_PLUGINS)
        GTEST_SKIP() << "this build hosts no plugins";
    const std::string plugin = "/usr/lib/clap/ZamComp.clap";
    if (! std::filesystem::exists(plugin))
        GTEST_SKIP() << "zam-plugins is not installed";

    SignalProcess server(uniqueSocketPath("scan"), offlineArgs());
    ASSERT_TRUE(server.ready());
    SignalClient client(server.socket());
    ASSERT_TRUE(client.handshake());

    ipc::ScanPluginsT scan;
    scan.rescan_all = true;
    scan.paths = { plugin };
    const auto seq = client.send(SignalClient::frameOf(std::move(scan)));
    int progress = 0;
    auto reply = client.waitFor([&](const ipc::FrameT& f) {
        if (f.body.type == ipc::Body::Progress && f.body.AsProgress()->task == "scan")
            ++progress;
        return f.reply_to == seq;
    }, 120s);
    ASSERT_TRUE(reply);
    ASSERT_EQ(reply->body.type, ipc::Body::PluginCatalogue)
        << (reply->body.type == ipc::Body::Error ? reply->body.AsError()->message : "");
    EXPECT_GT(progress, 0);
    bool found = false;
    std::string seen;
    for (const auto& entry : reply->body.AsPluginCatalogue()->plugins) {
        found |= entry->format == ipc::PluginFormat::CLAP && entry->path == plugin && ! entry->blocked;
        seen += " [" + entry->name + " " + entry->path + (entry->blocked ? " blocked: " + entry->blocked_reason : "") + "]";
    }
    EXPECT_TRUE(found) << "ZamComp.clap missing from the catalogue:" << seen;
    EXPECT_TRUE(answersPing(client));
}

TEST(Plugins, CommandsOnUnknownProcessorsAreUnknownNode)
{
    SignalProcess server(uniqueSocketPath("unknownplugin"), offlineArgs());
    ASSERT_TRUE(server.ready());
    SignalClient client(server.socket());
    ASSERT_TRUE(client.handshake());

    ipc::GetPluginStateT get;
    get.processor = 4242;
    ipc::OpenEditorT open;
    open.processor = 4242;
    ipc::ReloadPluginT reload;
    reload.processor = 4242;
    for (auto frame : { SignalClient::frameOf(get), SignalClient::frameOf(open), SignalClient::frameOf(reload) }) {
        const auto reply = client.request(std::move(frame));
        const auto* error = asError(reply);
        ASSERT_NE(error, nullptr);
        EXPECT_EQ(error->code, ipc::ErrorCode::UnknownNode);
        EXPECT_EQ(error->field, "processor");
    }
    EXPECT_TRUE(answersPing(client));
}
