// The registry's image: its storage (Registry::Impl) as bytes, so that a snapshot can be
// loaded without mapping and checking every row again (the archive's checkpoints,
// docs/archive.md "Checkpoints"). Part 0 holds the code table, subjects, list entries
// commitments and relations; each further part holds whole pages of records. The indexes are not
// stored: the loader rebuilds them (Impl::finish), so they are built one way only.
//
// The bytes are this library's own (little-endian, the layout below, kFormat): an
// image is only read by the library version that wrote it, for the pack that built it
// (the archive keys checkpoints by both). Reading checks every length, offset and
// index, and throws InvalidInputError naming the part and byte offset: a damaged image
// is refused, never trusted.
#include <cstring>

#include "ecredit/error.hpp"
#include "registry_access.hpp"

ECREDIT_BEGIN_NAMESPACE

namespace {
constexpr char kMagic[8] = {'E', 'C', 'R', 'I', 'M', 'G', '\x01', '\n'};
constexpr std::uint32_t kFormat = Registry::Impl::kImageFormat;
constexpr std::uint32_t kEndian = 0x01020304u;
constexpr std::int32_t kNoDay = INT32_MIN;
constexpr std::uint32_t kNone = 0xFFFFFFFFu;

struct Out {
  std::string& b;
  template <class T>
  void pod(T v) {
    char tmp[sizeof(T)];
    std::memcpy(tmp, &v, sizeof(T));
    b.append(tmp, sizeof(T));
  }
  void u32(std::uint32_t v) { pod(v); }
  void u64(std::uint64_t v) { pod(v); }
  void i32(std::int32_t v) { pod(v); }
  void str(std::string_view s) {
    u64(s.size());
    b.append(s.data(), s.size());
  }
  void strs(const std::vector<std::string>& v) {
    u64(v.size());
    for (const auto& s : v) str(s);
  }
  void day(const std::optional<date::sys_days>& d) {
    i32(d ? static_cast<std::int32_t>(d->time_since_epoch().count()) : kNoDay);
  }
  void attrs(const Attributes& a) {
    u64(a.size());
    for (const auto& [k, v] : a) {
      str(k);
      str(v);
    }
  }
};

struct In {
  std::string_view b;
  std::size_t part;
  std::size_t pos = 0;
  [[noreturn]] void bad(const std::string& what) const {
    throw InvalidInputError("registry image: part " + std::to_string(part) + ", byte " + std::to_string(pos) +
                            ": " + what);
  }
  void need(std::size_t n) {
    if (n > b.size() - pos) bad("truncated (" + std::to_string(n) + " bytes more expected)");
  }
  template <class T>
  T pod() {
    need(sizeof(T));
    T v;
    std::memcpy(&v, b.data() + pos, sizeof(T));
    pos += sizeof(T);
    return v;
  }
  std::uint32_t u32() { return pod<std::uint32_t>(); }
  std::uint64_t u64() { return pod<std::uint64_t>(); }
  std::int32_t i32() { return pod<std::int32_t>(); }
  // a count of items of at least `min_bytes` each: never more than the bytes left allow
  std::size_t count(std::size_t min_bytes) {
    const std::uint64_t n = u64();
    if (n > (b.size() - pos) / (min_bytes == 0 ? 1 : min_bytes))
      bad("a count of " + std::to_string(n) + " items exceeds the data");
    return static_cast<std::size_t>(n);
  }
  std::string_view view() {
    const std::uint64_t n = u64();
    need(static_cast<std::size_t>(std::min<std::uint64_t>(n, SIZE_MAX)));
    std::string_view s = b.substr(pos, static_cast<std::size_t>(n));
    pos += static_cast<std::size_t>(n);
    return s;
  }
  std::string str() { return std::string(view()); }
  std::vector<std::string> strs() {
    std::vector<std::string> v(count(8));
    for (auto& s : v) s = str();
    return v;
  }
  std::optional<date::sys_days> day() {
    const std::int32_t d = i32();
    if (d == kNoDay) return std::nullopt;
    return date::sys_days{date::days{d}};
  }
  Attributes attrs() {
    Attributes a;
    const std::size_t n = count(16);
    for (std::size_t i = 0; i < n; ++i) {
      std::string k = str();
      a.emplace_hint(a.end(), std::move(k), str());
    }
    return a;
  }
  void done() const {
    if (pos != b.size()) bad(std::to_string(b.size() - pos) + " bytes after the end of the part");
  }
};

// The check of a part's bytes, stored as its last 8 bytes: a damaged part (a flipped bit
// in a name as much as in a length) is refused instead of giving another snapshot. Eight
// bytes a step (a multiply-xorshift mix), so 1 GB costs well under a second.
std::uint64_t part_check(std::string_view b) {
  std::uint64_t h = 0x9E3779B97F4A7C15ull ^ b.size();
  std::size_t i = 0;
  auto mix = [&](std::uint64_t w) {
    h ^= w;
    h *= 0xBF58476D1CE4E5B9ull;
    h ^= h >> 31;
  };
  for (; i + 8 <= b.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, b.data() + i, 8);
    mix(w);
  }
  std::uint64_t tail = 0;
  if (i < b.size()) std::memcpy(&tail, b.data() + i, b.size() - i);
  mix(tail);
  h ^= h >> 29;
  h *= 0x94D049BB133111EBull;
  return h ^ (h >> 32);
}
void seal(std::string& buf) {
  const std::uint64_t h = part_check(buf);
  Out{buf}.u64(h);
}
// The bytes of part `part` without their check; InvalidInputError when it does not match.
std::string_view unseal(std::string_view b, std::size_t part) {
  if (b.size() < 8)
    throw InvalidInputError("registry image: part " + std::to_string(part) + " is truncated (" +
                            std::to_string(b.size()) + " bytes)");
  std::uint64_t stored;
  std::memcpy(&stored, b.data() + b.size() - 8, 8);
  b.remove_suffix(8);
  if (part_check(b) != stored)
    throw InvalidInputError("registry image: part " + std::to_string(part) + " (" + std::to_string(b.size()) +
                            " bytes) does not match its check: the bytes are damaged");
  return b;
}

// Bytes of one record in a page part (3 spans, the USCC slot, the hot columns).
constexpr std::size_t kRecordBytes = 6 * 4 + 4 + 4 * 2 + 3 * 4 + 1;
}  // namespace

void Registry::Impl::save_image(const Registry& reg, std::size_t pages_per_part,
                                const std::function<void(std::string&&)>& emit) {
  const Impl& m = *reg.impl_;
  const Index& ix = *m.ix_;
  {
    std::string buf;
    Out o{buf};
    buf.append(kMagic, sizeof kMagic);
    o.u32(kFormat);
    o.u32(kEndian);
    o.u32(kPageBits);
    o.u64(m.rec_n_);
    o.u64(m.pages_.size());
    o.strs(m.code_names_);
    o.strs(ix.uscc_table_);
    o.u64(ix.subjects_.size());
    for (const Subject& s : ix.subjects_) {
      for (const std::string* f : {&s.uscc, &s.person_id, &s.name, &s.kind, &s.district, &s.legal_rep_id})
        o.str(*f);
      o.strs(s.domains);
      o.strs(s.responsible_ids);
      o.attrs(s.attributes);
    }
    std::map<std::size_t, std::string> own(ix.subject_ids_.begin(), ix.subject_ids_.end());  // a fixed order
    o.u64(own.size());
    for (const auto& [i, id] : own) {
      o.u64(i);
      o.str(id);
    }
    o.u64(ix.lists_.size());
    for (const ListEntry& e : ix.lists_) {
      for (const std::string* f : {&e.id, &e.uscc, &e.person_id, &e.list, &e.domain}) o.str(*f);
      o.i32(static_cast<std::int32_t>(e.included_on.time_since_epoch().count()));
      o.day(e.expires_on);
      o.day(e.removed_on);
      o.attrs(e.attributes);
    }
    o.u64(ix.commitments_.size());
    for (const Commitment& c : ix.commitments_) {
      for (const std::string* f : {&c.id, &c.uscc, &c.person_id, &c.type, &c.status, &c.domain}) o.str(*f);
      o.day(c.date);
      o.attrs(c.attributes);
    }
    o.strs(ix.role_codes_);
    o.u64(ix.relations_.size());
    for (const Relation& r : ix.relations_) {
      for (const std::string* f :
           {&r.id, &r.uscc, &r.party_id, &r.party_kind, &r.party_name, &r.role, &r.source})
        o.str(*f);
      o.pod<std::uint8_t>(r.share ? 1 : 0);
      o.pod<double>(r.share.value_or(0.0));
      o.day(r.from_date);
      o.day(r.to_date);
      o.attrs(r.attributes);
    }
    seal(buf);
    emit(std::move(buf));
  }
  if (pages_per_part == 0) pages_per_part = 1;
  for (std::size_t first = 0; first < m.pages_.size(); first += pages_per_part) {
    const std::size_t last = std::min(m.pages_.size(), first + pages_per_part);
    std::string buf;
    Out o{buf};
    o.u64(first);
    o.u64(last - first);
    for (std::size_t p = first; p < last; ++p) {
      const Page& pg = *m.pages_[p];
      const std::size_t n = pg.hot.size();
      o.u64(n);
      o.u64(pg.text_size());  // the shared text, then the page's own: one string (Out::str)
      if (pg.shared) buf.append(*pg.shared);
      buf.append(pg.pool);
      for (std::size_t k = 0; k < n; ++k) {
        for (const Span* sp : {&pg.id[k], &pg.person[k], &pg.attrs[k]}) {
          o.u32(sp->off);
          o.u32(sp->len);
        }
        o.u32(pg.uscc[k]);
        const Page::Hot& h = pg.hot[k];
        for (std::uint16_t c : h.codes) o.pod(c);
        o.i32(h.date);
        o.i32(h.expires);
        o.i32(h.repaired);
        o.pod(h.objection);
      }
    }
    seal(buf);
    emit(std::move(buf));
  }
}

Registry::Impl::ImageLoader::ImageLoader(std::string_view part0) : impl_(std::make_unique<Impl>()) {
  Impl& m = *impl_;
  Index& ix = *m.ix_;
  In in{part0, 0};
  in.need(sizeof kMagic);
  if (std::memcmp(part0.data(), kMagic, sizeof kMagic) != 0) in.bad("not a registry image");
  part0 = unseal(part0, 0);
  in.b = part0;
  in.pos = sizeof kMagic;
  if (in.u32() != kFormat) in.bad("an image format this library does not read");
  if (in.u32() != kEndian) in.bad("an image of another byte order");
  if (in.u32() != kPageBits) in.bad("an image with another page size");
  rec_n_ = in.u64();
  pages_ = in.u64();
  if (pages_ != (rec_n_ + kPageSize - 1) / kPageSize) in.bad("page count and record count disagree");
  m.code_names_ = in.strs();
  if (m.code_names_.empty() || !m.code_names_[0].empty() || m.code_names_.size() > 0xFFFF)
    in.bad("a code table without the empty value first");
  for (std::size_t i = 0; i < m.code_names_.size(); ++i)
    if (!m.code_ids_.emplace(m.code_names_[i], static_cast<std::uint16_t>(i)).second)
      in.bad("code '" + m.code_names_[i] + "' twice in the code table");
  ix.uscc_table_ = in.strs();
  ix.subjects_.resize(in.count(6 * 8 + 3 * 8));
  for (Subject& s : ix.subjects_) {
    for (std::string* f : {&s.uscc, &s.person_id, &s.name, &s.kind, &s.district, &s.legal_rep_id})
      *f = in.str();
    s.domains = in.strs();
    s.responsible_ids = in.strs();
    s.attributes = in.attrs();
  }
  const std::size_t own = in.count(16);
  for (std::size_t k = 0; k < own; ++k) {
    const std::uint64_t i = in.u64();
    if (i >= ix.subjects_.size())
      in.bad("a subject id for subject " + std::to_string(i) + " of " + std::to_string(ix.subjects_.size()));
    ix.subject_ids_[static_cast<std::size_t>(i)] = in.str();
  }
  ix.lists_.resize(in.count(5 * 8 + 3 * 4 + 8));
  for (ListEntry& e : ix.lists_) {
    for (std::string* f : {&e.id, &e.uscc, &e.person_id, &e.list, &e.domain}) *f = in.str();
    e.included_on = date::sys_days{date::days{in.i32()}};
    e.expires_on = in.day();
    e.removed_on = in.day();
    e.attributes = in.attrs();
  }
  ix.commitments_.resize(in.count(6 * 8 + 4 + 8));
  for (Commitment& c : ix.commitments_) {
    for (std::string* f : {&c.id, &c.uscc, &c.person_id, &c.type, &c.status, &c.domain}) *f = in.str();
    c.date = in.day();
    c.attributes = in.attrs();
  }
  ix.role_codes_ = in.strs();
  ix.relations_.resize(in.count(7 * 8 + 1 + 8 + 2 * 4 + 8));
  for (Relation& r : ix.relations_) {
    for (std::string* f : {&r.id, &r.uscc, &r.party_id, &r.party_kind, &r.party_name, &r.role, &r.source})
      *f = in.str();
    const auto has_share = in.pod<std::uint8_t>();
    const double share = in.pod<double>();
    if (has_share > 1) in.bad("a relation's share flag is neither 0 nor 1");
    if (has_share) r.share = share;
    r.from_date = in.day();
    r.to_date = in.day();
    r.attributes = in.attrs();
  }
  in.done();
  m.pages_.resize(pages_);
}

Registry::Impl::ImageLoader::~ImageLoader() = default;

void Registry::Impl::ImageLoader::add_pages(std::string_view bytes) {
  Impl& m = *impl_;
  ++parts_;
  In in{unseal(bytes, parts_), parts_};
  const std::uint64_t first = in.u64(), n = in.u64();
  if (first > pages_ || n > pages_ - first) in.bad("pages outside the image's " + std::to_string(pages_));
  const std::size_t codes = m.code_names_.size(), usccs = m.ix_->uscc_table_.size();
  for (std::uint64_t p = first; p < first + n; ++p) {
    if (m.pages_[p]) in.bad("page " + std::to_string(p) + " twice");
    const std::uint64_t count = in.u64();
    const std::size_t want = p + 1 < pages_ ? kPageSize : rec_n_ - static_cast<std::size_t>(p) * kPageSize;
    if (count != want)
      in.bad("page " + std::to_string(p) + " holds " + std::to_string(count) + " records, not " +
             std::to_string(want));
    auto pg = std::make_shared<Page>();
    pg->shared = std::make_shared<const std::string>(in.str());
    in.need(static_cast<std::size_t>(count) * kRecordBytes);
    const std::size_t size = pg->text_size();
    for (std::vector<Span>* col : {&pg->id, &pg->person, &pg->attrs})
      col->resize(static_cast<std::size_t>(count));
    pg->uscc.resize(static_cast<std::size_t>(count));
    pg->hot.resize(static_cast<std::size_t>(count));
    for (std::size_t k = 0; k < count; ++k) {
      for (std::vector<Span>* col : {&pg->id, &pg->person, &pg->attrs}) {
        Span& sp = (*col)[k];
        sp.off = in.u32();
        sp.len = in.u32();
        if (sp.off > size || sp.len > size - sp.off) in.bad("a text span outside its page");
      }
      pg->uscc[k] = in.u32();
      if (pg->uscc[k] != kNone && pg->uscc[k] >= usccs) in.bad("a USCC index outside the table");
      Page::Hot& h = pg->hot[k];
      for (std::uint16_t& c : h.codes) {
        c = in.pod<std::uint16_t>();
        if (c >= codes) in.bad("a code id outside the code table");
      }
      h.date = in.i32();
      h.expires = in.i32();
      h.repaired = in.i32();
      h.objection = in.pod<std::uint8_t>();
      if (h.objection > 2) in.bad("an objection state other than 0, 1, 2");
      if (pg->id[k].len == 0) in.bad("a record without an id");
    }
    m.pages_[p] = std::move(pg);
  }
  in.done();
}

std::shared_ptr<const Registry> Registry::Impl::ImageLoader::finish() {
  Impl& m = *impl_;
  for (std::size_t p = 0; p < pages_; ++p)
    if (!m.pages_[p]) throw InvalidInputError("registry image: page " + std::to_string(p) + " is missing");
  m.rec_n_ = rec_n_;
  Index& ix = *m.ix_;
  ix.uscc_index_.reserve(ix.uscc_table_.size());
  for (std::size_t i = 0; i < ix.uscc_table_.size(); ++i)
    if (!ix.uscc_index_.emplace(ix.uscc_table_[i], static_cast<std::uint32_t>(i)).second)
      throw InvalidInputError("registry image: USCC " + ix.uscc_table_[i] + " twice in the table");
  // the per-USCC and per-person record lists, in record order (as add_record made them)
  ix.records_by_uscc_.assign(ix.uscc_table_.size(), {});
  for (std::size_t i = 0; i < m.rec_n_; ++i) {
    const Page& pg = m.page(i);
    const std::size_t k = at(i);
    if (pg.uscc[k] != kNone) ix.records_by_uscc_[pg.uscc[k]].push_back(static_cast<std::uint32_t>(i));
    if (pg.person[k].len != 0)
      ix.records_by_person_[std::string(pg.text(pg.person[k]))].push_back(static_cast<std::uint32_t>(i));
  }
  m.finish(false);
  return wrap(std::move(impl_));
}

ECREDIT_END_NAMESPACE
