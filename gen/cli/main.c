/* tokcost: everything is in the library; see gen/cli/cli.c. */
#include "tc_cli.h"

int main(int argc, char **argv)
{
    return tc_cli_main(argc, argv);
}
