/* The workbook's completeness check (xl_zip_complete): whole zips pass;
 * a zip cut short, with a wrong CRC, a part that does not inflate, an XML
 * part without its closing root tag, an unknown compression method, no
 * entries, or a central directory that does not end at its end record is
 * refused. The zips are made by python3's zipfile, then damaged. */
#include "tc_test.h"

#include <stdlib.h>
#include <string.h>

#include "../gen/render/xlsx/xlsx.h"

static char dir[] = "/tmp/tc_zip_XXXXXX";

static const char *const maker =
    "import sys, zipfile, os\n"
    "d = sys.argv[1]\n"
    "def z(name, parts, method=zipfile.ZIP_DEFLATED, comment=b''):\n"
    "    p = os.path.join(d, name)\n"
    "    with zipfile.ZipFile(p, 'w', method) as f:\n"
    "        f.comment = comment\n"
    "        for n, t in parts:\n"
    "            f.writestr(n, t)\n"
    "    return p\n"
    "def patch(p, find, repl):\n"
    "    b = open(p, 'rb').read()\n"
    "    i = b.rfind(find)\n"
    "    open(p, 'wb').write(b[:i] + repl + b[i + len(repl):])\n"
    "good = [('[Content_Types].xml', '<?xml version=\"1.0\"?>\\n<Types a=\"1\"><x/></Types>\\n'),\n"
    "        ('_rels/.rels', '<Relationships></Relationships>'),\n"
    "        ('xl/empty.xml', '<!-- c --><root/>'), ('docProps/x.bin', 'abc')]\n"
    "z('good.zip', good)\n"
    "z('stored.zip', good, zipfile.ZIP_STORED)\n"
    "z('comment.zip', good, comment=b'a comment')\n"
    "z('cut_xml.zip', [('a.xml', '<root><x/>')])\n"
    "z('bad_xml_tail.zip', [('a.xml', '<root></other>')])\n"
    "z('no_root.zip', [('a.xml', '   ')])\n"
    "z('bzip2.zip', good, zipfile.ZIP_BZIP2)\n"
    "z('empty.zip', [])\n"
    "p = z('truncated.zip', good)\n"
    "b = open(p, 'rb').read(); open(p, 'wb').write(b[:-7])\n"
    "p = z('bad_crc.zip', [('a.bin', 'hello world')], zipfile.ZIP_STORED)\n"
    "patch(p, b'hello world', b'hellO world')\n"
    "p = z('bad_deflate.zip', [('a.bin', 'x' * 1000)])\n"
    "b = bytearray(open(p, 'rb').read()); b[40] ^= 0xff; open(p, 'wb').write(bytes(b))\n"
    "p = z('bad_local.zip', [('a.bin', 'hello')], zipfile.ZIP_STORED)\n"
    "b = bytearray(open(p, 'rb').read()); b[0] = 0; open(p, 'wb').write(bytes(b))\n"
    "p = z('stored_size.zip', [('a.bin', 'hello')], zipfile.ZIP_STORED)\n"
    "patch(p, b'PK\\x01\\x02', b'PK\\x01\\x02')\n"
    "b = bytearray(open(p, 'rb').read()); i = b.rfind(b'PK\\x01\\x02'); b[i + 24] = 9\n"
    "open(p, 'wb').write(bytes(b))\n"
    "p = z('bad_cd.zip', good)\n"
    "b = bytearray(open(p, 'rb').read()); i = b.rfind(b'PK\\x01\\x02'); b[i] = 0x51\n"
    "open(p, 'wb').write(bytes(b))\n"
    "open(os.path.join(d, 'garbage.zip'), 'wb').write(b'not a zip at all, ' * 10)\n"
    "open(os.path.join(d, 'zero.zip'), 'wb').write(b'')\n";

static int setup(void **state)
{
    (void)state;
    if (!mkdtemp(dir))
        return -1;
    char path[128], cmd[256];
    snprintf(path, sizeof path, "%s/make.py", dir);
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    fputs(maker, f);
    fclose(f);
    snprintf(cmd, sizeof cmd, "python3 '%s' '%s'", path, dir);
    return system(cmd) == 0 ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static int complete(const char *name)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return xl_zip_complete(path);
}

static void whole_zips_pass(void **state)
{
    (void)state;
    assert_int_equal(complete("good.zip"), 1);
    assert_int_equal(complete("stored.zip"), 1);
    assert_int_equal(complete("comment.zip"), 1);
}

static void damaged_zips_are_refused(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "cut_xml.zip", "bad_xml_tail.zip", "no_root.zip", "bzip2.zip", "empty.zip",
        "truncated.zip", "bad_crc.zip", "bad_deflate.zip", "bad_local.zip", "stored_size.zip",
        "bad_cd.zip", "garbage.zip", "zero.zip", "missing.zip",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (complete(bad[i]) != 0)
            fail_msg("%s passed as complete", bad[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(whole_zips_pass),
        cmocka_unit_test(damaged_zips_are_refused),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
