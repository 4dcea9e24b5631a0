// Changing the audio device while the process runs.
#include "support/Offline.h"

#include "loophole/ipc/ProtocolVersion.h"

#include <thread>

using namespace loophole::signal;
namespace ipc = loophole::ipc;
using namespace loophole::signal::testing;

namespace {

ipc::FrameT setDevice(std::string backend, uint32_t rate, uint32_t frames)
{
    ipc::SetAudioDeviceT body;
    body.backend = std::move(backend);
    body.sample_rate = rate;
    body.buffer_size = frames;
    return SignalClient::frameOf(std::move(body));
}

int64_t engineSample(SignalClient& client)
{
    auto pong = client.request(ping(1));
    return pong && pong->body.type == ipc::Body::Pong ? pong->body.AsPong()->engine_sample : -1;
}

} // namespace

TEST(Devices, OfflineRateAndBufferChangeWithoutRestart)
{
    SignalProcess server(uniqueSocketPath("device"), offlineArgs(48000, 256));
    ASSERT_TRUE(server.ready());
    SignalClient client(server.socket()), watcher(server.socket());
    ASSERT_TRUE(client.handshake());
    ASSERT_TRUE(watcher.handshake());
    const int pid = server.pid();

    ASSERT_TRUE(isAck(client.request(setDevice("offline", 44100, 128))));
    for (auto* each : { &client, &watcher }) {
        auto changed = each->waitFor([](const ipc::FrameT& f) { return f.body.type == ipc::Body::DeviceChanged; });
        ASSERT_TRUE(changed);
        EXPECT_EQ(changed->reply_to, 0u);
        EXPECT_EQ(changed->body.AsDeviceChanged()->backend, "offline");
        EXPECT_EQ(changed->body.AsDeviceChanged()->sample_rate, 44100u);
        EXPECT_EQ(changed->body.AsDeviceChanged()->buffer_size, 128u);
    }

    // Same process, still clocking.
    EXPECT_EQ(server.pid(), pid);
    EXPECT_TRUE(server.running());
    const auto before = engineSample(client);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    EXPECT_GT(engineSample(client), before + 44100 / 10);

    SignalClient late(server.socket());
    auto welcome = late.hello(ipc::kProtocolMajor, ipc::kProtocolMinor);
    ASSERT_TRUE(welcome && welcome->body.type == ipc::Body::Welcome);
    EXPECT_EQ(welcome->body.AsWelcome()->sample_rate, 44100u);
    EXPECT_EQ(welcome->body.AsWelcome()->buffer_size, 128u);
}

TEST(Devices, AnImpossibleDeviceIsRefusedAndTheOldOneKeepsRunning)
{
    SignalProcess server(uniqueSocketPath("baddevice"), offlineArgs(48000, 256));
    ASSERT_TRUE(server.ready());
    SignalClient client(server.socket());
    ASSERT_TRUE(client.handshake());

    for (auto bad : { setDevice("offline", 1000, 0), setDevice("coreaudio", 0, 0) }) {
        const auto reply = client.request(std::move(bad));
        const auto* error = asError(reply);
        ASSERT_NE(error, nullptr);
        EXPECT_EQ(error->code, ipc::ErrorCode::DeviceUnavailable);
        EXPECT_FALSE(error->message.empty());
    }
    SignalClient late(server.socket());
    auto welcome = late.hello(ipc::kProtocolMajor, ipc::kProtocolMinor);
    ASSERT_TRUE(welcome && welcome->body.type == ipc::Body::Welcome);
    EXPECT_EQ(welcome->body.AsWelcome()->sample_rate, 48000u);
    const auto before = engineSample(client);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    EXPECT_GT(engineSample(client), before);
}

TEST(Devices, ListIncludesTheOfflineClockWithItsFormats)
{
    SignalProcess server(uniqueSocketPath("list"), offlineArgs());
    ASSERT_TRUE(server.ready());
    SignalClient client(server.socket());
    ASSERT_TRUE(client.handshake());
    auto reply = client.request(SignalClient::frameOf(ipc::ListAudioDevicesT {}));
    ASSERT_TRUE(reply && reply->body.type == ipc::Body::AudioDeviceList);
    bool found = false;
    for (const auto& device : reply->body.AsAudioDeviceList()->devices) {
        if (device->backend != "offline")
            continue;
        found = true;
        EXPECT_NE(std::find(device->sample_rates.begin(), device->sample_rates.end(), 44100u), device->sample_rates.end());
        EXPECT_NE(std::find(device->buffer_sizes.begin(), device->buffer_sizes.end(), 128u), device->buffer_sizes.end());
    }
    EXPECT_TRUE(found);
}
