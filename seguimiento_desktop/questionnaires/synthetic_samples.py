"""Distributions and sample texts for synthetic responses (demo data, reports, benchmarks).

Weights are relative, per question id. They follow what graduate-tracking studies of
Mexican EMS report in broad strokes (most graduates who work earn 1–2 minimum wages, many
without a contract or social security, commerce and services dominate); they are
plausible, not statistics.
"""

from collections.abc import Mapping

Weights = Mapping[int, float]

SCALE_WEIGHTS: Weights = {1: 3, 2: 7, 3: 25, 4: 40, 5: 25, 9: 6}
OTHER_WEIGHT = 0.03  # "otro, especifique" is chosen rarely on real forms
UNSURE_WEIGHT = 0.05  # 97 "no lo sé" / 98 "prefiero no decir" when no weights are given

CHOICE_WEIGHTS: dict[str, Weights] = {
    "CONSENTIMIENTO": {1: 94, 2: 6},
    "CONTACTO_PARENTESCO": {1: 45, 2: 15, 3: 15, 4: 6, 5: 8, 6: 4, 7: 6, 99: 1},
    "SEXO": {1: 51, 2: 47, 3: 1, 98: 1},
    "TRABAJA_ESTUDIANDO": {1: 14, 2: 34, 3: 52},
    "PRACTICAS": {1: 55, 2: 35, 3: 10},
    "PLAN": {1: 42, 2: 14, 3: 27, 4: 4, 5: 13},
    "PLAN_NIVEL": {1: 14, 2: 74, 3: 5, 4: 6, 99: 1},
    "RECOMENDARIA": {1: 82, 2: 6, 3: 12},
    "DATOS_CAMBIARON": {1: 72, 2: 28},
    "ACT_ACTUAL": {1: 35, 2: 30, 3: 15, 4: 20},
    "EST_NIVEL": {1: 16, 2: 68, 3: 5, 4: 5, 5: 2, 6: 3, 99: 1},
    "EST_INSTITUCION": {1: 24, 2: 12, 3: 8, 4: 5, 5: 3, 6: 24, 7: 4, 8: 1, 9: 3, 10: 2,
                        11: 2, 12: 3, 13: 7, 14: 1, 99: 1},
    "EST_AREA": {1: 38, 2: 14, 3: 20, 4: 10, 5: 7, 6: 4, 7: 4, 8: 3},
    "EST_RELACION": {1: 32, 2: 38, 3: 30},
    "EST_MODALIDAD": {1: 80, 2: 12, 3: 8},
    "EST_ADMISION": {1: 62, 2: 18, 3: 20},
    "EST_BECA": {1: 45, 2: 55},
    "SOLICITO_INGRESO": {1: 30, 2: 12, 3: 58},
    "PLANEA_ESTUDIAR": {1: 45, 2: 25, 3: 30},
    "TIEMPO_PRIMER_EMPLEO": {1: 35, 2: 14, 3: 26, 4: 15, 5: 10},
    "COMO_ENCONTRO": {1: 5, 2: 10, 3: 38, 4: 18, 5: 3, 6: 14, 7: 2, 8: 9, 99: 1},
    "TIPO_EMPLEADOR": {1: 4, 2: 9, 3: 68, 4: 6, 5: 2, 6: 10, 99: 1},
    "TAMANO_EMPRESA": {1: 48, 2: 20, 3: 13, 4: 12, 97: 7},
    "SECTOR": {11: 6, 21: 1, 22: 1, 23: 6, 31: 20, 43: 4, 46: 22, 48: 4, 51: 2, 52: 2, 53: 1,
               54: 4, 55: 0.5, 56: 6, 61: 3, 62: 4, 71: 2, 72: 10, 81: 8, 93: 2},
    "FUNCION": {1: 26, 2: 28, 3: 12, 4: 9, 5: 6, 6: 3, 7: 2, 8: 7, 9: 4, 10: 2, 99: 1},
    "NIVEL_PUESTO": {1: 38, 2: 44, 3: 8, 4: 2, 5: 3, 6: 5},
    "CONTRATO": {1: 20, 2: 24, 3: 7, 4: 3, 5: 38, 6: 8},
    "SEGURO_SOCIAL": {1: 42, 2: 58},
    "INGRESO": {0: 3, 1: 18, 2: 44, 3: 20, 4: 6, 5: 2, 6: 1, 7: 1, 98: 5},
    "EMP_RELACION": {1: 24, 2: 34, 3: 42},
    "CAPACITACION_TRABAJO": {1: 55, 2: 45},
    "BUSCA_TRABAJO": {1: 45, 2: 55},
    "RECHAZO_AFIN": {1: 30, 2: 35, 3: 35},
    "CERTIFICADO": {1: 78, 2: 13, 3: 5, 4: 4},
    "TITULO_TECNICO": {1: 18, 2: 20, 3: 30, 4: 26, 5: 6},
    "FORMACION_SUFICIENTE": {1: 35, 2: 52, 3: 13},
    "RAZON_NO_ESTUDIA": {1: 30, 2: 22, 3: 10, 4: 8, 5: 12, 6: 25, 7: 10, 8: 3, 9: 15, 99: 1},
    "RAZON_NO_TRABAJA": {1: 50, 2: 20, 3: 18, 4: 8, 5: 5, 6: 12, 7: 3, 8: 8, 9: 4, 99: 1},
    "COMPETENCIAS_FALTANTES": {1: 25, 2: 12, 3: 40, 4: 22, 5: 30, 6: 24, 7: 10, 8: 12, 9: 18,
                               10: 8, 99: 1},
    # Version 2: the family block of C1 (orders of magnitude from ENILEMS and the census).
    "ESCOLARIDAD_MADRE": {1: 3, 2: 8, 3: 18, 4: 34, 5: 22, 6: 10, 7: 1, 98: 4},
    "ESCOLARIDAD_PADRE": {1: 3, 2: 9, 3: 17, 4: 31, 5: 20, 6: 10, 7: 1, 98: 9},
    "HOGAR_APORTA": {1: 6, 2: 34, 3: 60},
    "BECA_BACHILLERATO": {1: 70, 2: 6, 3: 4, 4: 20},
    "HIJOS": {1: 4, 2: 95, 98: 1},
    "LENGUA_INDIGENA": {1: 6, 2: 93, 98: 1},
    "DISCAPACIDAD": {1: 5, 2: 1, 3: 1, 4: 2, 5: 0.3, 6: 0.5, 7: 90, 98: 1},
    # and how graduates do in higher education, what training let them contribute
    "EST_REPROBADAS": {0: 55, 1: 18, 2: 9, 3: 8, 7: 10},
    "EST_AREAS_DIFICILES": {1: 45, 2: 15, 3: 20, 4: 30, 5: 6, 6: 18, 7: 15, 99: 1},
    "HA_TRABAJADO": {1: 40, 2: 60},
    "CAPACITACION_APORTE": {1: 50, 2: 30, 3: 12, 4: 10, 5: 8, 6: 5, 7: 8, 99: 1},
}

# (mean, standard deviation) for numeric questions, clipped to the question's range.
NUMBER_PARAMETERS: dict[str, tuple[float, float]] = {
    "EDAD": (17.9, 0.8), "PROMEDIO": (8.3, 0.7), "HORAS_TRABAJO_EST": (18, 9),
    "HORAS_SEMANA": (42, 11), "HOGAR_PERSONAS": (4.6, 1.7),
}

# How often an optional question gets an answer.
OPTIONAL_RATES: dict[str, float] = {
    "TEL_CASA": 0.35, "RED_SOCIAL": 0.6, "CODIGO_POSTAL": 0.7, "PLAN_INSTITUCION_NOMBRE": 0.55,
    "RECOMENDARIA_POR_QUE": 0.35, "COMENTARIOS": 0.15, "SUGERENCIA_CARRERAS": 0.35,
    "CORREO": 0.45, "CELULAR": 0.55, "DOMICILIO": 0.4, "MUNICIPIO": 0.4,
}

TEXTS: dict[str, tuple[str, ...]] = {
    "CARRERA": ("Programación", "Contabilidad", "Electricidad", "Mecánica Industrial",
                "Administración de Recursos Humanos", "Laboratorista Químico", "Logística"),
    "EST_CARRERA": ("Ingeniería Industrial", "Licenciatura en Contaduría Pública",
                    "Ingeniería en Sistemas Computacionales", "Licenciatura en Enfermería",
                    "TSU en Mantenimiento Industrial", "Licenciatura en Administración",
                    "Ingeniería Mecatrónica", "Licenciatura en Derecho", "Licenciatura en Psicología",
                    "Licenciatura en Educación Primaria", "Ingeniería Química",
                    "TSU en Tecnologías de la Información", "Curso de inglés"),
    "EST_INSTITUCION_NOMBRE": ("Instituto Tecnológico de la región", "Universidad Tecnológica",
                               "Universidad Autónoma del Estado, Facultad de Ingeniería",
                               "Universidad Politécnica", "Escuela Normal Superior",
                               "Universidad del Valle (particular)", "CECATI 12"),
    "PUESTO": ("Auxiliar administrativo", "Operador de producción", "Vendedor de mostrador",
               "Cajera", "Técnico de mantenimiento", "Auxiliar contable", "Almacenista",
               "Mesero", "Soporte técnico", "Ayudante general", "Recepcionista",
               "Asesor de ventas", "Electricista"),
    "CONTACTO_NOMBRE": ("María Guadalupe Hernández", "José Luis Martínez", "Rosa Elena López",
                        "Juan Carlos Ramírez", "Ana Laura García", "Francisco Torres"),
    "DOMICILIO": ("Av. Juárez 120", "Calle Hidalgo 45 int. 2", "Privada Los Pinos 8",
                  "Calle 5 de Mayo 301", "Andador Morelos 17"),
    "COLONIA": ("Centro", "Las Águilas", "El Mirador", "Jardines del Valle", "San Isidro"),
    "MUNICIPIO": ("Zapopan", "Tlaquepaque", "Tonalá", "Guadalajara", "Tlajomulco de Zúñiga"),
    "CODIGO_POSTAL": ("45100", "45500", "45400", "44100", "45640"),
    "GRUPO": ("6A", "6B", "6C", "6D", "6E", "6F"),
    "LENGUA_INDIGENA_CUAL": ("Náhuatl", "Purépecha", "Wixárika", "Maya", "Zapoteco",
                             "Mixteco", "Otomí"),
    "RED_SOCIAL": ("@egresado.cbtis", "facebook.com/perfil.egresado", "@mi_usuario_ig"),
    "RECOMENDARIA_POR_QUE": ("Buenos maestros y talleres", "Aprendí un oficio",
                             "Falta equipo en los laboratorios", "Es cerca de mi casa"),
    "SUGERENCIA_CARRERAS": ("Energías renovables", "Ciberseguridad", "Inglés para el trabajo",
                            "Logística y comercio exterior", "Mantenimiento de vehículos eléctricos"),
    "COMENTARIOS": ("Gracias por el seguimiento", "Que haya más prácticas en empresas",
                    "Mejorar el internet del plantel"),
}

GIROS: dict[int, tuple[str, ...]] = {
    11: ("Invernadero de jitomate", "Granja avícola"), 23: ("Constructora de vivienda",),
    31: ("Fábrica de autopartes", "Panificadora industrial", "Maquiladora de ropa"),
    46: ("Tienda de abarrotes", "Farmacia", "Tienda de autoservicio", "Ferretería"),
    56: ("Centro de atención telefónica", "Empresa de limpieza"),
    72: ("Restaurante de comida mexicana", "Cafetería", "Hotel"),
    81: ("Taller mecánico", "Reparación de celulares", "Estética"),
    62: ("Clínica particular", "Laboratorio de análisis clínicos"),
}
GENERIC_GIRO = "Comercio y servicios"

OTHER_TEXTS = ("Por cuestiones personales", "Me cambié de ciudad", "Por recomendación de un maestro",
               "Trabajo de temporada", "Apoyo en el negocio de un conocido")
