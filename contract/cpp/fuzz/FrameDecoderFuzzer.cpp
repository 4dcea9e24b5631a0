// libFuzzer target: any byte stream fed to the frame reader, verifier and object-API
// decoder must produce frames or clear errors, never a crash, leak or undefined behaviour.
#include "loophole/contract/Framing.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace loophole;

    // Split the input into two reads so that reassembly across chunks is exercised too.
    const size_t split = size > 0 ? data[0] % (size + 1) : 0;
    contract::FrameReader reader;
    reader.append({ data, split });
    reader.append({ data + split, size - split });

    std::string error;
    while (auto wire = reader.next(error)) {
        const ipc::Frame* frame = contract::verifyFrame(*wire, error);
        // Bodies newer than this build verify (a newer minor peer may send them) but
        // cannot be re-encoded; receivers answer them with Error(Unsupported).
        if (frame != nullptr && frame->body_type() <= ipc::Body::MAX) {
            std::unique_ptr<ipc::FrameT> decoded(frame->UnPack());
            const auto reencoded = contract::encodeFrame(*decoded);
            if (contract::verifyFrame(reencoded, error) == nullptr)
                __builtin_trap(); // whatever verifies must re-encode into something valid
        }
    }
    return 0;
}
