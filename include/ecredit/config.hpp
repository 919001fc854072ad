/// Namespace and export macros shared by every ecredit C++ header.
#pragma once

#if defined(ECREDIT_SHARED)
#if defined(_WIN32)
#if defined(ECREDIT_BUILDING)
#define ECREDIT_API __declspec(dllexport)
#else
#define ECREDIT_API __declspec(dllimport)
#endif
#else
#define ECREDIT_API __attribute__((visibility("default")))
#endif
#else
#define ECREDIT_API
#endif

/// The inline namespace keeps the ABI honest: a breaking change bumps it.
#define ECREDIT_BEGIN_NAMESPACE \
  namespace ecredit {           \
  inline namespace v1 {
#define ECREDIT_END_NAMESPACE \
  }                           \
  }
