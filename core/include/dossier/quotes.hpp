// Quotations and their speakers: which passages quote someone, and who.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "dossier/actors.hpp"

namespace dossier {

/// One passage as the quote extractor sees it, in article order.
struct QuoteInput {
    std::string_view text;
    int paragraph = 0;        // passages of one split paragraph share it
    bool heading = false;
    std::vector<ActorMention> mentions;  // offsets relative to `text`
};

/// What the article says about who speaks in it.
struct QuoteContext {
    std::string_view author;  // the article's author (a speech's speaker, "the document said")
    std::string_view genre;   // Article::genre: "speech", "press-briefings", ...
    std::string_view title;
};

struct QuoteAttribution {
    bool is_quote = false;  // the passage carries a direct quotation (not scare quotes)
    std::string speaker;    // actor id when the gazetteer knows it, else a normalised name; ""
};

/// One attribution per input passage, same order.
std::vector<QuoteAttribution> attribute_quotes(const std::vector<QuoteInput>& passages,
                                               const Gazetteer& gazetteer,
                                               const QuoteContext& context);

}  // namespace dossier
