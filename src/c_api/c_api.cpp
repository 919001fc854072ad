// The extern "C" layer over the C++ library. Every body is wrapped by guard():
// no C++ exception crosses the ABI, and a failure leaves a thread-local message.
#define ECREDIT_C_BUILDING 1
#include "ecredit/ecredit.h"

#include <cstring>
#include <new>
#include <string>

#include "ecredit/error.hpp"
#include "ecredit/id.hpp"

namespace {

thread_local std::string g_last_error;

int fail(int code, std::string message) {
  g_last_error = std::move(message);
  return code;
}

template <class F>
int guard(const char* fn, F&& body) noexcept {
  try {
    g_last_error.clear();
    return body();
  } catch (const std::bad_alloc&) {
    return fail(ECR_ENOMEM, std::string(fn) + ": out of memory");
  } catch (const ecredit::InvalidInputError& e) {
    return fail(ECR_EINVAL, std::string(fn) + ": " + e.what());
  } catch (const std::exception& e) {
    return fail(ECR_EINTERNAL, std::string(fn) + ": " + e.what());
  } catch (...) {
    return fail(ECR_EINTERNAL, std::string(fn) + ": unknown error");
  }
}

void copy_cstr(char* dst, std::size_t cap, const std::string& s) {
  const std::size_t n = s.size() < cap - 1 ? s.size() : cap - 1;
  std::memcpy(dst, s.data(), n);
  dst[n] = '\0';
}

void fill(ecr_id_result* out, const ecredit::IdResult& r) {
  std::memset(out, 0, sizeof *out);
  out->kind = static_cast<int>(r.kind);
  out->status = static_cast<int>(r.status);
  out->reason = static_cast<int>(r.reason);
  copy_cstr(out->normalized, sizeof out->normalized, r.normalized);
  out->normalized_len = r.normalized.size();
  if (r.birth_date) {
    out->birth_year = static_cast<int>(r.birth_date->year());
    out->birth_month = static_cast<int>(static_cast<unsigned>(r.birth_date->month()));
    out->birth_day = static_cast<int>(static_cast<unsigned>(r.birth_date->day()));
  }
  out->sex = r.sex;
  out->permit = static_cast<int>(r.permit);
  copy_cstr(out->converted, sizeof out->converted, r.converted);
}

template <class Check>
int check(const char* fn, ecr_id_result* out, const char* s, std::size_t len, Check&& c) {
  return guard(fn, [&] {
    if (out == nullptr) return fail(ECR_EINVAL, std::string(fn) + ": out is NULL");
    if (s == nullptr && len > 0) return fail(ECR_EINVAL, std::string(fn) + ": s is NULL but len > 0");
    fill(out, c(std::string_view(s == nullptr ? "" : s, len)));
    return ECR_OK;
  });
}

}  // namespace

extern "C" {

const char* ecr_version(void) { return ECR_VERSION_STRING; }
int ecr_version_number(void) { return ECR_VERSION_NUMBER; }
const char* ecr_last_error(void) { return g_last_error.c_str(); }

int ecr_check_uscc(ecr_id_result* out, const char* s, size_t len) {
  return check("ecr_check_uscc", out, s, len, [](std::string_view v) { return ecredit::check_uscc(v); });
}
int ecr_check_org_code(ecr_id_result* out, const char* s, size_t len) {
  return check("ecr_check_org_code", out, s, len,
               [](std::string_view v) { return ecredit::check_org_code(v); });
}
int ecr_check_resident_id(ecr_id_result* out, const char* s, size_t len) {
  return check("ecr_check_resident_id", out, s, len,
               [](std::string_view v) { return ecredit::check_resident_id(v); });
}
int ecr_check_id(ecr_id_result* out, const char* s, size_t len) {
  return check("ecr_check_id", out, s, len, [](std::string_view v) { return ecredit::check_id(v); });
}

const char* ecr_status_name(int status) {
  if (status < ECR_ID_VALID || status > ECR_ID_INVALID) return nullptr;
  return ecredit::to_string(static_cast<ecredit::IdStatus>(status)).data();
}
const char* ecr_reason_name(int reason) {
  if (reason < ECR_REASON_NONE || reason > ECR_REASON_FIFTEEN_DIGIT) return nullptr;
  return ecredit::to_string(static_cast<ecredit::IdReason>(reason)).data();
}
const char* ecr_kind_name(int kind) {
  if (kind < ECR_KIND_UNKNOWN || kind > ECR_KIND_RESIDENT_ID) return nullptr;
  return ecredit::to_string(static_cast<ecredit::IdKind>(kind)).data();
}

int ecr_mask_id(char* out, size_t cap, size_t* out_len, const char* s, size_t len) {
  return guard("ecr_mask_id", [&] {
    if (out_len == nullptr) return fail(ECR_EINVAL, "ecr_mask_id: out_len is NULL");
    if (out == nullptr && cap > 0) return fail(ECR_EINVAL, "ecr_mask_id: out is NULL but cap > 0");
    if (s == nullptr && len > 0) return fail(ECR_EINVAL, "ecr_mask_id: s is NULL but len > 0");
    const std::string m = ecredit::mask_id(std::string_view(s == nullptr ? "" : s, len));
    *out_len = m.size();
    if (cap > 0) copy_cstr(out, cap, m);
    return ECR_OK;
  });
}

}  // extern "C"
