// Fuzzes segmentation: passages are ordered, non-overlapping byte ranges of the text with
// ordinals 1..n; sentences likewise; the line helpers never read outside their input.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "dossier/segment.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    dossier::SegmentOptions options;
    options.max_bytes = 300;  // small windows reach the sentence splitter in short inputs
    options.target_bytes = 120;
    const auto passages = dossier::segment(text, options);
    std::size_t last_end = 0;
    int ordinal = 0;
    for (const auto& p : passages) {
        if (p.begin > p.end || p.end > text.size() || p.begin < last_end) __builtin_trap();
        if (p.ordinal != ++ordinal) __builtin_trap();
        last_end = p.end;
    }
    std::size_t sentence_end = 0;
    for (const auto& [b, e] : dossier::split_sentences(text)) {
        if (b > e || e > text.size() || b < sentence_end) __builtin_trap();
        sentence_end = e;
    }
    const std::string_view first_line = text.substr(0, text.find('\n'));
    (void)dossier::is_heading_line(first_line);
    (void)dossier::heading_text(first_line);
    const std::string_view label = dossier::speaker_label(text);
    if (!label.empty() &&
        (label.data() < text.data() || label.data() + label.size() > text.data() + text.size())) {
        __builtin_trap();
    }
    return 0;
}
