/*
 * reckon: infrastructure cost models in Lua, evaluated in C, written to CSV.
 * main dispatches to one command a file (cmd_run.c, cmd_check.c, cmd_eval.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lua.h>

#include "cli.h"

static const char help_text[] =
    "reckon " RECKON_VERSION " - what each way to run your product costs, as CSV\n"
    "\n"
    "Usage:\n"
    "  " CLI_RUN_USAGE "\n"
    "  " CLI_CHECK_USAGE "\n"
    "  reckon eval FILE.lua [--max-memory MiB] [--max-instructions N] [--timeout S]\n"
    "  reckon --help | --version\n"
    "\n"
    "Commands:\n"
    "  run     Run model files, or every *.lua below a directory (byte-sorted; files\n"
    "          named _*.lua are shared assumptions, not models), each in its own sandbox.\n"
    "          Writes DIR/items.csv (every item of every option at every user count: low,\n"
    "          mid, high) and DIR/totals.csv (low, mid, high, per_user); a model returning\n"
    "          r.analysis{...} adds compare, crossovers, timeline, npv, budgets, breakeven\n"
    "          and changes CSVs.  Prints a summary table and the findings in words.  A\n"
    "          failing model is reported and skipped; the others still run.\n"
    "  check   Run models exactly as run does (the same --users, --samples and --seed,\n"
    "          analyses, checks and limits) and run their self-checks (totals stated in\n"
    "          a source document against the sum of the items).  Writes nothing; fails\n"
    "          the models run fails, but for what only writing finds (--max-csv).\n"
    "  eval    Run a script in the same sandbox, with print to standard output.\n"
    "  check and eval run each model in a worker process under the same limits and\n"
    "  watchdog as run (the limit options below).\n"
    "\n"
    "Options for run (check takes --users, --samples, --seed, --items and -j too):\n"
    "  -o, --output DIR   where the CSV files go (default: out; created if missing);\n"
    "                     -o - writes totals.csv to standard output instead\n"
    "  --users LIST       user counts: 10000,100000 or 10k,1M\n"
    "  --users FROM:TO:N[:log]\n"
    "                     N counts from FROM to TO, evenly or evenly in log space\n"
    "                     (default: the counts each option declares with users = {...},\n"
    "                     else 1000,10000,100000,1000000)\n"
    "  -q, --quiet        no summary table\n"
    "  --samples N        Monte Carlo: sample every range N times; adds distribution.csv\n"
    "                     (mean, sd, p5, p50, p95, chance of being cheapest) and\n"
    "                     sensitivity.csv, and percentiles to the decisions\n"
    "  --seed S           the samples' seed (default: fixed, so runs repeat)\n"
    "  --items            with --samples: each item's distribution too\n"
    "  -j, --jobs N       worker processes (default: the number of cores); each model\n"
    "                     runs in one of them, the output is the same for any N\n"
    "\n"
    "Limits, for run, check and eval (a model over one fails alone, kind limit or\n"
    "timeout in errors.csv, naming its line):\n"
    "  --max-memory MiB   a model's Lua heap (default 512)\n"
    "  --max-instructions N\n"
    "                     a model's Lua instructions (default 2000000000)\n"
    "  --timeout S        a model's wall time in seconds (default 60); a worker stuck\n"
    "                     in a C function is killed a second later\n"
    "  --max-csv MiB      run: the CSV rows one model may write, all its files together\n"
    "                     (default 256; 0: no limit)\n"
    "  A worker keeps at most 1 MiB of a model's messages and 16 KiB of its failure\n"
    "  message; the rest is cut with a note.\n"
    "\n"
    "A directory is walked without following a link that leads outside it; a link\n"
    "inside is followed once, and a model reached twice runs once.  A run holds a lock\n"
    "on its work folder; SIGINT, SIGTERM, SIGHUP and SIGPIPE remove it and replace no\n"
    "file.  The final files are replaced all together or not at all.\n"
    "\n"
    "A model (models/web.lua):\n"
    "  local r = require \"reckon\"\n"
    "  return r.option{\n"
    "    name = \"PaaS\",\n"
    "    users = {10000, 100000},\n"
    "    items = {\n"
    "      {name = \"web\", category = \"compute\",\n"
    "       cost = r.step{ {upto = 20000, cost = 25}, {upto = 200000, cost = 85}, {cost = 250} "
    "}},\n"
    "      {name = \"egress\", category = \"network\",\n"
    "       cost = r.graduated{ {upto = 10240, rate = 0.09}, {rate = 0.085}, free = 100 "
    "}:of(0.5)},\n"
    "      {name = \"database\", category = \"database\", cost = r.range(50, 100)},\n"
    "    },\n"
    "  }\n"
    "\n"
    "Failures are listed in DIR/errors.csv (model, kind, message).\n"
    "\n"
    "Exit status:\n"
    "  0  success    1  a model failed    2  usage error\n"
    "  3  an output file could not be written    4  internal error\n"
    "\n"
    "See README.md and 'man reckon' for the whole Lua API.\n";

static int dispatch(int argc, char **argv)
{
    if (argc < 2) {
        fputs(help_text, stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        fputs(help_text, stdout);
        return EXIT_OK;
    }
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
        printf("reckon %s (%s)\n", RECKON_VERSION, LUA_RELEASE);
        return EXIT_OK;
    }
    for (int i = 2; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(help_text, stdout);
            return EXIT_OK;
        }
    if (strcmp(cmd, "run") == 0)
        return cmd_run(argc - 2, argv + 2);
    if (strcmp(cmd, "check") == 0)
        return cmd_check(argc - 2, argv + 2);
    if (strcmp(cmd, "eval") == 0)
        return cmd_eval(argc - 2, argv + 2);
    char *unknown = cli_format("unknown command '%s'", cmd);
    cli_show_error("reckon", unknown ? unknown : "unknown command");
    free(unknown);
    fputs("Try 'reckon --help'.\n", stderr);
    return EXIT_USAGE;
}

/* Opens /dev/null on whichever of standard input, output and error is closed (under cron,
 * `2>&-`): else the first file reckon opens takes that number, and what is written to the
 * stream (a worker's stray messages to fd 2) lands in it, or closing "stderr" closes it. */
static void open_standard_fds(void)
{
    for (int fd = 0; fd <= 2; fd++) {
        if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
            continue;
        int opened = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
        if (opened != fd) { /* it takes the lowest free number: fd, or it failed */
            if (opened >= 0)
                close(opened);
            exit(EXIT_INTERNAL);
        }
    }
}

int main(int argc, char **argv)
{
    open_standard_fds();
    int status = dispatch(argc, argv);
    workers_exit_if_interrupted(); /* a run cleaned up after a signal: it ends of it now */
    return status;
}
