"""Run the command line in the test's own process and catch what it printed."""

from effnet_app.cli import main


def run(capsys, *args):
    """(exit code, stdout, stderr) of ``effnet-app ARGS``."""
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err
