// The actor gazetteer: loading corpus/actors.tsv and tagging text with actor ids.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace dossier {

struct Actor {
    std::string id;      // stable short code: "KOR", "USA.DOD", "IGONAT"...
    std::string type;    // country | government | military | ministry | organisation | person | ...
    std::string name;    // canonical name shown to users: "South Korea"
    std::string parent;  // id of the actor it belongs to ("USA" for "USA.DOD"), "" for none
    std::vector<std::string> aliases;  // every surface form that names it
};

/// One occurrence of an actor in a text: [begin, end) bytes of the matched surface form.
struct ActorMention {
    std::size_t begin = 0;
    std::size_t end = 0;
    std::string id;
};

/// Actor id -> canonical name: all that output needs to label actors, read from the gazetteer TSV
/// without building the matcher (a tenth of the time of Gazetteer::parse). Lines that are not
/// actors are skipped, never an error: the TSV was validated when the database was built.
using ActorNames = std::unordered_map<std::string, std::string>;
ActorNames actor_names(std::string_view tsv);

class Gazetteer {
  public:
    Gazetteer() = default;
    /// Reads the TSV file; throws InputError naming it (with the line number) when malformed.
    static Gazetteer load(const std::filesystem::path& file);
    /// What a parsed gazetteer is for: `matching` builds the matcher that match() needs;
    /// `lookup` only resolves ids and names (resolve, find, close_matches) and parses in about
    /// a third of the time, for a query that names an actor.
    enum class Use { matching, lookup };
    /// The same from text already in memory; `name` is used in error messages.
    static Gazetteer parse(std::string_view tsv, std::string_view name, Use use = Use::matching);

    /// Mentions in `text`, in order, longest match first, without overlaps. Throws
    /// std::logic_error for a gazetteer parsed for Use::lookup.
    std::vector<ActorMention> match(std::string_view text) const;

    /// The actor with this exact id, or nullptr.
    const Actor* find(std::string_view id) const;
    /// An id, canonical name or alias (case-insensitive for names), or nullptr.
    const Actor* resolve(std::string_view id_or_name) const;
    /// `id` followed by its ancestors: "USA.DOD" -> {"USA.DOD", "USA"}.
    std::vector<std::string> with_ancestors(std::string_view id) const;
    /// Up to `n` ids whose id or names are closest to `query`, for "did you mean" errors.
    std::vector<std::string> close_matches(std::string_view query, std::size_t n = 5) const;

    const std::vector<Actor>& actors() const { return m_actors; }
    /// Content hash of the dictionary (and of the matching rules' version): a change triggers
    /// re-tagging on the next build.
    const std::string& hash() const { return m_hash; }

  private:
    std::vector<Actor> m_actors;
    std::string m_hash;
    // Matching structures are private to actors.cpp's implementation.
    struct Index;
    std::shared_ptr<const Index> m_index;
};

}  // namespace dossier
