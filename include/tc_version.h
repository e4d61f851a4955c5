/* The tool's version: printed by --version and recorded in results.json. */
#ifndef TC_VERSION_H
#define TC_VERSION_H

#define TC_VERSION "0.1.0"

#endif
