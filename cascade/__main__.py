from cascade.cli import main

main(prog_name="cascade")
