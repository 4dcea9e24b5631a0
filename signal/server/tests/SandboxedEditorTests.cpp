// The editor of a sandboxed plugin, asked for through the real loophole-signal, under a virtual
// X server (ctest runs this binary via xvfb-run): OpenEditor opens ZamComp's CLAP editor in a
// window of the plugin's host process — none of the engine's — drawn on; CloseEditor closes it.
#include "support/Offline.h"
#include "support/PluginHosts.h"

#include "loophole/ipc/graph_generated.h"
#include "support/Graphs.h"
#include "tests/XWindows.h"

#include <cstdlib>
#include <thread>

using namespace loophole::signal::testing;
namespace ipc = loophole::ipc;
using loophole::signal::test::XWindows;

namespace {

constexpr uint32_t kEditorPlugin = 1000;

std::unique_ptr<ipc::FrameT> editorRequest(SignalClient& client, bool open)
{
    if (open) {
        ipc::OpenEditorT request;
        request.processor = kEditorPlugin;
        return client.request(SignalClient::frameOf(request), 30s);
    }
    ipc::CloseEditorT request;
    request.processor = kEditorPlugin;
    return client.request(SignalClient::frameOf(request), 30s);
}

} // namespace

TEST(SandboxedEditor, OpenEditorShowsThePluginInAWindowOfItsHostProcessAndCloseEditorClosesIt)
{
    ASSERT_NE(std::getenv("DISPLAY"), nullptr) << "run under xvfb-run -a (ctest does)";
    XWindows x;
    ASSERT_TRUE(x.connected());
    SignalProcess server(uniqueSocketPath("sandboxed-editor"), offlineArgs());
    ASSERT_TRUE(server.ready());
    SignalClient client(server.socket());
    ASSERT_TRUE(client.handshake());

    const auto plugin = scanPlugin(client, "/usr/lib/clap/ZamComp.clap");
    ASSERT_TRUE(plugin.has_value()) << "ZamComp.clap (zam-plugins) did not scan";
    auto graph = tracksGraph(1);
    auto insert = std::make_unique<ipc::ProcessorT>();
    insert->id = kEditorPlugin;
    insert->format = plugin->format;
    insert->plugin_uid = plugin->uid;
    insert->isolation = ipc::IsolationMode::PerPlugin;
    graph.channels.back()->processors.push_back(std::move(insert));
    ipc::LoadGraphT load;
    load.snapshot = std::make_unique<ipc::GraphSnapshotT>(std::move(graph));
    ASSERT_TRUE(isAck(client.request(SignalClient::frameOf(std::move(load)), 30s)));
    const auto hosts = pluginHostsOf(server.pid());
    ASSERT_EQ(hosts.size(), 1u) << "the plugin is not in a sandbox process of its own";

    ASSERT_TRUE(isAck(editorRequest(client, true)));
    std::vector<unsigned long> windows;
    double variance = 0.0;
    for (int i = 0; i < 100 && variance <= 100.0; ++i) { // the host opens and paints on its own message thread
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        windows = x.shownBy(hosts.front());
        variance = windows.empty() ? 0.0 : x.lumaVariance(windows.front());
    }
    ASSERT_EQ(windows.size(), 1u) << "no editor window of the plugin's host process";
    EXPECT_GT(variance, 100.0) << "the editor window is (nearly) blank";
    EXPECT_TRUE(x.shownBy(server.pid()).empty()) << "the engine's process opened a window itself";
    std::cout << "sandboxed ZamComp CLAP editor through the server: window " << windows.front() << " of host pid "
              << hosts.front() << ", luma variance " << variance << "\n";

    ASSERT_TRUE(isAck(editorRequest(client, false)));
    for (int i = 0; i < 100 && x.exists(windows.front()); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_FALSE(x.exists(windows.front())) << "the editor window outlived CloseEditor";
    const auto again = editorRequest(client, false);
    ASSERT_NE(asError(again), nullptr) << "a second CloseEditor found an editor to close";
    EXPECT_EQ(asError(again)->code, ipc::ErrorCode::PluginFailed);
    EXPECT_TRUE(answersPing(client));
}
