// Streaming CSV reader (RFC 4180) with encoding detection — to be implemented.
#pragma once
