// Fuzzes quote extraction on a segmented text with the real gazetteer: one attribution per
// passage, never a crash, however deep the nesting of quotation marks.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "dossier/actors.hpp"
#include "dossier/quotes.hpp"
#include "dossier/segment.hpp"

namespace {
const dossier::Gazetteer& gazetteer() {
    static const dossier::Gazetteer g =
        dossier::Gazetteer::load(DOSSIER_SOURCE_DIR "/corpus/actors.tsv");
    return g;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    // The first byte picks the genre: speeches and transcripts take other paths.
    static constexpr std::string_view genres[] = {"", "speech", "press-briefings", "news"};
    const std::string_view genre = genres[data[0] % 4];
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    dossier::SegmentOptions options;
    options.max_bytes = 400;
    options.target_bytes = 160;
    std::vector<dossier::QuoteInput> inputs;
    for (const auto& p : dossier::segment(text, options)) {
        dossier::QuoteInput in;
        in.text = text.substr(p.begin, p.end - p.begin);
        in.paragraph = p.paragraph;
        in.heading = p.kind == dossier::PassageKind::heading;
        in.mentions = gazetteer().match(in.text);
        inputs.push_back(std::move(in));
    }
    dossier::QuoteContext context{
        .author = "Jane Doe", .genre = genre, .title = "Remarks", .date = "2024-05-01"};
    const auto quotes = dossier::attribute_quotes(inputs, gazetteer(), context);
    if (quotes.size() != inputs.size()) __builtin_trap();
    return 0;
}
