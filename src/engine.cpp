// Loading a policy pack into an Engine: pack.json and the order of the other files
// (each file kind is loaded by src/policy/load_<kind>.cpp), the pack hash, lookups.
#include "ecredit/engine.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>

#include "ecredit/error.hpp"
#include "ecredit/file.hpp"
#include "ecredit/registry.hpp"
#include "embedded.hpp"
#include "policy/loader.hpp"
#include "policy_json.hpp"

ECREDIT_BEGIN_NAMESPACE

namespace {

std::string sha256_hex(const std::vector<std::string_view>& parts) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) throw Error("SHA-256 unavailable");
  for (std::string_view p : parts) EVP_DigestUpdate(ctx.get(), p.data(), p.size());
  EVP_DigestFinal_ex(ctx.get(), digest, &len);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned i = 0; i < len; ++i) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 15]);
  }
  return out;
}

}  // namespace

void EngineLoader::load(const std::map<std::string, std::string>& files, const std::string& origin) {
  auto read = [&](const std::string& name) -> JsonDoc {
    auto it = files.find(name);
    if (it == files.end()) throw PolicyError("file missing from the pack", join_path(origin, name));
    hashed.push_back(it->second);
    return detail::parse_policy_json(join_path(origin, name), it->second);
  };
  const JsonDoc pack = read("pack.json");
  const Node root(pack, pack.root, "");
  root.allow_only({"id", "title", "title_en", "version", "files", "coverage_targets"});
  if (auto ct = root.get("coverage_targets")) {
    for (const auto& [year, share] : ct->members()) {
      if (year == "basis" || year == "note" || year == "$comment") continue;
      int y = 0;
      try {
        y = std::stoi(year);
      } catch (...) {
        share.fail("coverage target keys are years");
      }
      if (share.json().is_object()) {
        share.allow_only({"share"});
        e.coverage_targets_[y] = share.at("share").number();
      } else {
        e.coverage_targets_[y] = share.number();
      }
    }
  }
  e.id_ = root.at("id").str();
  e.title_ = root.str_or("title");
  e.version_ = root.at("version").str();
  const Node fl = root.at("files");
  fl.allow_only({"codes", "catalog", "grading", "measures", "repair", "calendar", "objections", "appointment",
                 "monitoring"});
  const JsonDoc codes = read(fl.at("codes").str());
  load_codes(codes);
  const JsonDoc catalog = read(fl.at("catalog").str());
  load_catalog(catalog);
  if (auto g = fl.get("grading")) {
    const JsonDoc grading = read(g->str());
    load_grading(grading);
  }
  if (auto m = fl.get("measures")) {
    const JsonDoc measures = read(m->str());
    load_measures(measures);
  }
  if (auto c = fl.get("calendar")) {
    const JsonDoc calendar = read(c->str());
    load_calendar(calendar);
  }
  if (auto r = fl.get("repair")) {
    const JsonDoc repair = read(r->str());
    load_repair(repair);
  }
  if (auto o = fl.get("objections")) {
    const JsonDoc objections = read(o->str());
    load_objections(objections);
  }
  if (auto a = fl.get("appointment")) {
    const JsonDoc appointment = read(a->str());
    load_appointment(appointment);
  }
  if (auto m = fl.get("monitoring")) {  // after grading and codes: rules name grades and codes
    const JsonDoc monitoring = read(m->str());
    load_monitoring(monitoring);
  }
  std::vector<std::string_view> parts(hashed.begin(), hashed.end());
  e.hash_ = sha256_hex(parts);
}

std::shared_ptr<const Engine> Engine::from_files(const std::map<std::string, std::string>& files,
                                                 const std::string& origin) {
  std::shared_ptr<Engine> e(new Engine());
  EngineLoader loader{*e, {}};
  loader.load(files, origin);
  return e;
}

std::shared_ptr<const Engine> Engine::load(const std::string& dir) {
  require_directory(dir, "policy pack folder");
  auto read = [&](const std::string& name) { return read_file(join_path(dir, name), "policy file"); };
  std::map<std::string, std::string> files;
  files["pack.json"] = read("pack.json");
  // The file names come from pack.json; read the ones it names.
  const auto pack = detail::parse_policy_json(join_path(dir, "pack.json"), files["pack.json"]);
  if (pack.root.is_object() && pack.root.contains("files") && pack.root["files"].is_object())
    for (const auto& [key, value] : pack.root["files"].items())
      if (value.is_string()) files[value.get<std::string>()] = read(value.get<std::string>());
  return from_files(files, dir);
}

std::shared_ptr<const Engine> Engine::default_engine() {
  static const std::shared_ptr<const Engine> engine = [] {
    std::map<std::string, std::string> files;
    const std::string prefix = "gz-energy/";
    for (std::string_view name : detail::embedded_names())
      if (name.substr(0, prefix.size()) == prefix)
        files[std::string(name.substr(prefix.size()))] = std::string(detail::embedded_file(name));
    return from_files(files, "policies/gz-energy");
  }();
  return engine;
}

const GradingModel& Engine::model(std::string_view id) const {
  for (const auto& m : models_)
    if (m.id == id) return m;
  std::string known;
  for (const auto& m : models_) known += (known.empty() ? "" : ", ") + m.id;
  throw NotFoundError("no grading model '" + std::string(id) + "' in pack " + id_ +
                      " (known: " + (known.empty() ? "none" : known) + ")");
}

const GradingModel& Engine::model_for(date::sys_days as_of) const {
  for (const auto& m : models_)
    if (m.in_force(as_of)) return m;
  throw NotFoundError("no grading model of pack " + id_ + " is in force on " + date::format("%F", as_of));
}

const Dataset& Engine::dataset(std::string_view id) const {
  if (const Dataset* d = catalog_.find(id)) return *d;
  std::string known;
  for (const auto& d : catalog_.datasets) known += (known.empty() ? "" : ", ") + d.id;
  throw NotFoundError("no dataset '" + std::string(id) + "' in pack " + id_ + " (known: " + known + ")");
}

ECREDIT_END_NAMESPACE
