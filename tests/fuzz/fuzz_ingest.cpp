// Fuzzes ingest: any bytes, in any of the three formats, give articles or an InputError, never a
// crash; every article's text is the file's bytes at its offset (text formats).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "dossier/errors.hpp"
#include "dossier/ingest.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    // The first byte picks the format, so one corpus exercises all three.
    const auto format = static_cast<dossier::InputFormat>(data[0] % 3);
    const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
    dossier::IngestLimits limits;
    limits.max_line_bytes = 4096;  // small limits reach the limit checks in short inputs
    limits.max_file_bytes = 1 << 16;
    try {
        dossier::FileContents contents = dossier::parse_contents(bytes, "fuzz", format, limits);
        for (const auto& a : contents.articles) {
            if (format == dossier::InputFormat::jsonl) continue;
            if (a.text_offset > bytes.size() ||
                bytes.substr(a.text_offset) != std::string_view(a.text)) {
                __builtin_trap();
            }
        }
    } catch (const dossier::InputError&) {
    }
    return 0;
}
