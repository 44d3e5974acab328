"""`python -m mockpath`: the same command line as `mockpath`."""

from mockpath.cli import main

if __name__ == "__main__":
    main(prog_name="mockpath")
