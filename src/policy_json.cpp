#include "policy_json.hpp"

#include <algorithm>

#include "ecredit/error.hpp"

namespace ecredit::detail {

namespace {

std::pair<std::size_t, std::size_t> line_col(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::size_t line = 1, col = 1;
  for (std::size_t i = 0; i < offset; ++i) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (b == '\n') {
      ++line;
      col = 1;
    } else if ((b & 0xC0) != 0x80) {
      ++col;  // count characters, not UTF-8 continuation bytes
    }
  }
  return {line, col};
}

std::size_t skip_ws(std::string_view t, std::size_t i) {
  while (i < t.size() && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r')) ++i;
  return i;
}

std::size_t skip_string(std::string_view t, std::size_t i) {  // t[i] == '"'
  for (++i; i < t.size(); ++i) {
    if (t[i] == '\\')
      ++i;
    else if (t[i] == '"')
      return i + 1;
  }
  return t.size();
}

std::size_t skip_value(std::string_view t, std::size_t i) {
  i = skip_ws(t, i);
  if (i >= t.size()) return i;
  if (t[i] == '"') return skip_string(t, i);
  if (t[i] == '{' || t[i] == '[') {
    int depth = 0;
    for (; i < t.size(); ++i) {
      if (t[i] == '"') {
        i = skip_string(t, i) - 1;
      } else if (t[i] == '{' || t[i] == '[') {
        ++depth;
      } else if (t[i] == '}' || t[i] == ']') {
        if (--depth == 0) return i + 1;
      }
    }
    return t.size();
  }
  while (i < t.size() && t[i] != ',' && t[i] != '}' && t[i] != ']' && t[i] != ' ' && t[i] != '\n' &&
         t[i] != '\r' && t[i] != '\t')
    ++i;
  return i;
}

std::vector<std::string> split_pointer(std::string_view p) {
  std::vector<std::string> tokens;
  if (p.empty()) return tokens;
  std::size_t start = 1;
  while (start <= p.size()) {
    std::size_t end = p.find('/', start);
    if (end == std::string_view::npos) end = p.size();
    std::string tok;
    for (std::size_t k = start; k < end; ++k) {
      if (p[k] == '~' && k + 1 < end) {
        tok.push_back(p[k + 1] == '1' ? '/' : '~');
        ++k;
      } else {
        tok.push_back(p[k]);
      }
    }
    tokens.push_back(std::move(tok));
    start = end + 1;
  }
  return tokens;
}

}  // namespace

std::pair<std::size_t, std::size_t> locate(std::string_view text, std::string_view pointer) {
  std::size_t i = skip_ws(text, 0);
  for (const std::string& tok : split_pointer(pointer)) {
    if (i >= text.size()) break;
    if (text[i] == '{') {
      std::size_t j = skip_ws(text, i + 1);
      bool found = false;
      while (j < text.size() && text[j] == '"') {
        const std::size_t key_end = skip_string(text, j);
        std::string key;
        try {
          key = nlohmann::json::parse(text.substr(j, key_end - j)).get<std::string>();
        } catch (const nlohmann::json::exception&) {
          break;
        }
        j = skip_ws(text, key_end);
        if (j < text.size() && text[j] == ':') j = skip_ws(text, j + 1);
        if (key == tok) {
          i = j;
          found = true;
          break;
        }
        j = skip_ws(text, skip_value(text, j));
        if (j < text.size() && text[j] == ',') j = skip_ws(text, j + 1);
      }
      if (!found) break;
    } else if (text[i] == '[') {
      std::size_t n = 0;
      try {
        n = static_cast<std::size_t>(std::stoul(tok));
      } catch (...) {
        break;
      }
      std::size_t j = skip_ws(text, i + 1);
      for (std::size_t k = 0; k < n && j < text.size() && text[j] != ']'; ++k) {
        j = skip_ws(text, skip_value(text, j));
        if (j < text.size() && text[j] == ',') j = skip_ws(text, j + 1);
      }
      if (j >= text.size() || text[j] == ']') break;
      i = j;
    } else {
      break;
    }
  }
  return line_col(text, i);
}

namespace {

// Every member called "basis" or "…_basis" anywhere in the document is a citation: checked
// here once, so a basis the loader does not read (a field's, a code's) is checked too.
void check_citations(const Node& n) {
  if (n.json().is_object()) {
    for (const auto& [key, value] : n.members()) {
      if (key == "basis" || (key.size() > 6 && key.compare(key.size() - 6, 6, "_basis") == 0))
        read_basis(value);
      else
        check_citations(value);
    }
  } else if (n.json().is_array()) {
    for (const Node& e : n.elements()) check_citations(e);
  }
}

}  // namespace

Basis read_basis(const Node& n) {
  Basis b;
  if (n.json().is_string()) {
    b.text = n.str();
    if (b.text.empty()) n.fail("empty basis");
    return b;
  }
  if (!n.json().is_object())
    n.fail(
        "basis must be a string or {\"doc\", \"article\", \"url\", \"confirmed\", \"unconfirmed\", "
        "\"source\"}");
  for (const auto& [key, value] : n.members())
    if (key != "doc" && key != "article" && key != "url" && key != "confirmed" && key != "unconfirmed" &&
        key != "source" && key != "$comment")
      value.fail("unknown member '" + key +
                 "' in a basis (expected doc, article, url, confirmed, unconfirmed, source)");
  b.text = n.at("doc").str();
  if (b.text.empty()) n.at("doc").fail("empty 'doc'");
  const std::string art = n.str_or("article");
  if (!art.empty()) b.text += " " + art;
  b.url = n.str_or("url");
  b.source = n.str_or("source");
  b.unconfirmed = n.str_or("unconfirmed");
  if (auto c = n.get("confirmed")) {
    b.confirmed = c->boolean();
    if (b.confirmed && !b.unconfirmed.empty())
      c->fail("'confirmed': true contradicts 'unconfirmed' (which says what is not confirmed)");
  } else {
    b.confirmed = b.unconfirmed.empty();
  }
  return b;
}

JsonDoc parse_policy_json(std::string file, std::string text) {
  JsonDoc doc{std::move(file), std::move(text), {}};
  try {
    doc.root = nlohmann::json::parse(doc.text);
  } catch (const nlohmann::json::exception& e) {
    // a syntax error has a byte offset; a number out of range (out_of_range.406) names the
    // token, which is found in the text
    std::size_t at = 0;
    std::string msg = e.what();
    if (const auto* pe = dynamic_cast<const nlohmann::json::parse_error*>(&e)) {
      at = pe->byte > 0 ? pe->byte - 1 : 0;
    } else {
      const auto q1 = msg.find('\''), q2 = msg.rfind('\'');
      if (q1 != std::string::npos && q2 > q1) {
        const auto found = doc.text.find(msg.substr(q1 + 1, q2 - q1 - 1));
        if (found != std::string::npos) at = found;
      }
    }
    const auto [line, col] = line_col(doc.text, at);
    const auto cut = msg.find("] ");  // drop nlohmann's "[json.exception.parse_error.101] " prefix
    if (cut != std::string::npos) msg = msg.substr(cut + 2);
    throw PolicyError("invalid JSON: " + msg, doc.file, "", line, col);
  }
  check_citations(Node(doc, doc.root, ""));
  return doc;
}

std::string pointer_token(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out.push_back(c);
  }
  return out;
}

void Node::fail(const std::string& message) const {
  const auto [line, col] = locate(doc_->text, ptr_);
  throw PolicyError(message, doc_->file, ptr_.empty() ? "/" : ptr_, line, col);
}

Node Node::at(const std::string& key) const {
  if (!j_->is_object()) fail("expected an object");
  auto it = j_->find(key);
  if (it == j_->end()) fail("missing required member '" + key + "'");
  return Node(*doc_, *it, ptr_ + "/" + pointer_token(key));
}

std::optional<Node> Node::get(const std::string& key) const {
  if (!j_->is_object()) fail("expected an object");
  auto it = j_->find(key);
  if (it == j_->end() || it->is_null()) return std::nullopt;
  return Node(*doc_, *it, ptr_ + "/" + pointer_token(key));
}

std::vector<Node> Node::elements() const {
  if (!j_->is_array()) fail("expected an array");
  std::vector<Node> out;
  out.reserve(j_->size());
  for (std::size_t i = 0; i < j_->size(); ++i)
    out.emplace_back(*doc_, (*j_)[i], ptr_ + "/" + std::to_string(i));
  return out;
}

std::vector<std::pair<std::string, Node>> Node::members() const {
  if (!j_->is_object()) fail("expected an object");
  // In key order (nlohmann::json sorts keys); callers do not depend on file order.
  std::vector<std::pair<std::string, Node>> out;
  for (const auto& [key, value] : j_->items())
    out.emplace_back(key, Node(*doc_, value, ptr_ + "/" + pointer_token(key)));
  return out;
}

void Node::allow_only(std::initializer_list<std::string_view> allowed) const {
  if (!j_->is_object()) fail("expected an object");
  for (const auto& [key, value] : j_->items()) {
    if (key == "note" || key == "basis" || key == "$comment") continue;
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
      Node(*doc_, value, ptr_ + "/" + pointer_token(key)).fail("unknown member '" + key + "'");
  }
}

std::string Node::str() const {
  if (!j_->is_string()) fail("expected a string");
  return j_->get<std::string>();
}

bool Node::boolean() const {
  if (!j_->is_boolean()) fail("expected true or false");
  return j_->get<bool>();
}

double Node::number() const {
  if (!j_->is_number()) fail("expected a number");
  return j_->get<double>();
}

std::size_t Node::count() const {
  if (!j_->is_number_unsigned() && !(j_->is_number_integer() && j_->get<long long>() >= 0))
    fail("expected a non-negative integer");
  return j_->get<std::size_t>();
}

std::vector<std::string> Node::strings() const {
  std::vector<std::string> out;
  for (const Node& e : elements()) out.push_back(e.str());
  return out;
}

std::string Node::str_or(const std::string& key, std::string fallback) const {
  auto n = get(key);
  return n ? n->str() : std::move(fallback);
}

}  // namespace ecredit::detail
