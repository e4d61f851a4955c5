/* The command line: argv in, exit status out. Nothing else lives here:
 * the renderers' entry points are in tc_render.h, the results document in
 * tc_json.h, the terminal table in tc_table.h. */
#ifndef TC_CLI_H
#define TC_CLI_H

#include "tc_status.h"   /* the exit statuses (TC_EXIT_*) */

/* The whole program: parses argv, runs a verb, returns the exit status. */
int tc_cli_main(int argc, char **argv);

#endif
