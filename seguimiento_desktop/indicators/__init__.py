"""The strategy's indicators, defined once (docs/indicators.md) and used by the plantel
report, the central report, the central window and `seguimiento [central] indicadores`.

Qt-free. ``definitions`` says what each indicator counts (from the questionnaire
definitions); ``tables`` computes them per group (entidad, subsistema, plantel, carrera,
sexo, generación) with the suppression rule; ``coverage`` gives response rates with waves
not yet due as «pendiente».
"""
