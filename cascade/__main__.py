from cascade.cli import run

run()
