#include "dossier/facets.hpp"

#include <algorithm>
#include <set>

#include "dossier/errors.hpp"
#include "dossier/schema.hpp"

namespace dossier {
namespace {

constexpr char field_separator = '\x1f';  // between the parts of facet_slot

std::vector<std::string_view> split(std::string_view joined, char separator) {
    std::vector<std::string_view> out;
    std::size_t pos = 0;
    while (pos <= joined.size()) {
        std::size_t end = joined.find(separator, pos);
        if (end == std::string_view::npos) end = joined.size();
        out.push_back(joined.substr(pos, end - pos));
        pos = end + 1;
    }
    return out;
}

// Values of one facet from the raw slot contents. Dates are "YYYYMMDD" with "00" for unknown.
void values_from_slot(std::string_view facet, std::string_view raw, std::vector<std::string>& out) {
    if (raw.empty()) return;
    if (facet == "actor") {
        for (auto id : split(raw, '\t')) {
            if (!id.empty()) out.emplace_back(id);
        }
    } else if (facet == "year") {
        if (raw.size() >= 4) out.emplace_back(raw.substr(0, 4));
    } else if (facet == "month") {
        if (raw.size() >= 6 && raw.substr(4, 2) != "00") {
            out.push_back(std::string(raw.substr(0, 4)) + "-" + std::string(raw.substr(4, 2)));
        }
    } else {
        out.emplace_back(raw);
    }
}

Xapian::valueno slot_of(std::string_view facet) {
    if (facet == "actor") return schema::actors_slot;
    if (facet == "speaker") return schema::speaker_slot;
    if (facet == "kind") return schema::kind_slot;
    return schema::date_slot;  // year, month
}

}  // namespace

const std::vector<std::string>& facet_names() {
    static const std::vector<std::string> names = {"actor", "speaker", "year", "month", "kind"};
    return names;
}

std::vector<std::string> facet_values(const Xapian::Document& doc, std::string_view facet) {
    std::vector<std::string> values;
    values_from_slot(facet, doc.get_value(slot_of(facet)), values);
    return values;
}

std::string facet_slot_value(std::string_view article, std::string_view date_key,
                             std::string_view actors_joined, std::string_view speaker,
                             std::string_view kind) {
    std::string v(article);
    for (auto part : {date_key, actors_joined, speaker, kind}) {
        v += field_separator;
        v += part;
    }
    return v;
}

FacetCollector::FacetCollector(std::vector<std::string> facets, bool per_article)
    : m_facets(std::move(facets)), m_per_article(per_article) {
    const auto& valid = facet_names();
    for (const auto& f : m_facets) {
        if (std::find(valid.begin(), valid.end(), f) == valid.end()) {
            std::string list;
            for (const auto& v : valid) list += (list.empty() ? "" : ", ") + v;
            throw UsageError("unknown facet '" + f + "'; valid facets: " + list);
        }
    }
}

void FacetCollector::attach(Xapian::Enquire& enquire) {
    m_spies.clear();
    if (m_facets.empty()) return;
    std::set<Xapian::valueno> slots;
    if (m_per_article) {
        slots.insert(schema::facet_slot);
    } else {
        for (const auto& f : m_facets) slots.insert(slot_of(f));
    }
    for (Xapian::valueno slot : slots) {
        auto spy = std::make_unique<Xapian::ValueCountMatchSpy>(slot);
        enquire.add_matchspy(spy.get());
        m_spies.emplace(slot, std::move(spy));
    }
}

FacetCounts FacetCollector::counts() const {
    FacetCounts out;
    if (!m_per_article) {
        for (const auto& facet : m_facets) {
            auto spy = m_spies.find(slot_of(facet));
            if (spy == m_spies.end()) continue;
            auto& counts = out[facet];
            std::vector<std::string> values;
            for (auto it = spy->second->values_begin(); it != spy->second->values_end(); ++it) {
                values.clear();
                values_from_slot(facet, *it, values);
                for (const auto& v : values) counts[v] += it.get_termfreq();
            }
        }
        return out;
    }
    // Per article: the facet slot carries the article id beside the values, so each
    // (value, article) pair is counted once however many of the article's passages match.
    auto spy = m_spies.find(schema::facet_slot);
    if (spy == m_spies.end()) return out;
    std::map<std::string, std::map<std::string, std::set<std::string>>> articles;
    std::vector<std::string> values;
    for (auto it = spy->second->values_begin(); it != spy->second->values_end(); ++it) {
        const std::string packed = *it;  // the views below point into it
        auto parts = split(packed, field_separator);
        if (parts.size() != 5) continue;
        for (const auto& facet : m_facets) {
            std::string_view raw = facet == "actor"     ? parts[2]
                                   : facet == "speaker" ? parts[3]
                                   : facet == "kind"    ? parts[4]
                                                        : parts[1];
            values.clear();
            values_from_slot(facet, raw, values);
            for (const auto& v : values) articles[facet][v].emplace(parts[0]);
        }
    }
    for (const auto& facet : m_facets) out[facet];  // asked-for facets are present, maybe empty
    for (const auto& [facet, by_value] : articles) {
        for (const auto& [value, ids] : by_value) {
            out[facet][value] = static_cast<Xapian::doccount>(ids.size());
        }
    }
    return out;
}

}  // namespace dossier
