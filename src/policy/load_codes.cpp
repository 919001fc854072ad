// Loading a policy pack: codes.json: the code tables.
#include "policy/loader.hpp"

#include <set>
#include <string>

ECREDIT_BEGIN_NAMESPACE

void EngineLoader::load_codes(const JsonDoc& doc) {
  const Node root(doc, doc.root, "");
  root.allow_only({"tables"});
  for (const auto& [name, t] : root.at("tables").members()) {
    t.allow_only({"title", "title_en", "codes"});
    CodeTable table;
    table.name = name;
    table.title = t.str_or("title");
    std::set<std::string> seen;
    for (const Node& c : t.at("codes").elements()) {
      c.allow_only({"code", "label", "label_en", "aliases"});
      Code code;
      code.code = c.at("code").str();
      if (code.code.empty()) c.at("code").fail("empty code");
      if (!seen.insert(code.code).second) c.at("code").fail("duplicate code '" + code.code + "'");
      code.label = c.at("label").str();
      code.label_en = c.str_or("label_en");
      if (auto a = c.get("aliases")) code.aliases = a->strings();
      table.codes.push_back(std::move(code));
    }
    const std::string clash = table.build_index();
    if (!clash.empty()) t.at("codes").fail("'" + clash + "' stands for two different codes");
    e.codes_.emplace(name, std::move(table));
  }
}

ECREDIT_END_NAMESPACE
