"""Words for reading a key fingerprint aloud over the phone (one word per byte).

256 everyday Spanish nouns without accents or «ñ», chosen so that no two sound alike
(«lobo»/«loro», «pato»/«plato» and similar pairs were left out). The order is part of the
format: never reorder or replace a word, or old fingerprints would read differently.
"""

WORDS: tuple[str, ...] = (
    "abeja", "abrigo", "aceite", "acero", "agua", "aguila", "alamo", "alba", "aldea", "almeja",
    "ancla", "anillo", "ardilla", "arena", "armario", "arroz", "atun", "avena", "avion",
    "ballena", "banco", "bandera", "barco", "barril", "bebida", "bellota", "bigote", "bisonte",
    "boda", "bolsa", "bosque", "botella", "brisa", "bufanda", "burro", "caballo", "cabra",
    "cacao", "cactus", "cadena", "caja", "calabaza", "calle", "cama", "camello", "camino",
    "campana", "campo", "canela", "cangrejo", "canoa", "carta", "casa", "castillo", "cebolla",
    "cebra", "cedro", "cena", "cepillo", "cerdo", "cereza", "cerillo", "chile", "ciervo",
    "cinta", "circo", "ciruela", "ciudad", "clavo", "cobre", "coco", "cohete", "collar",
    "cometa", "conejo", "coral", "corona", "cuaderno", "cuchara", "cuerda", "cuervo", "cueva",
    "dedal", "diente", "disco", "ducha", "duende", "durazno", "elefante", "escoba", "escudo",
    "espejo", "espiga", "estrella", "estufa", "faro", "feria", "fideo", "flauta", "flor",
    "foca", "foco", "fresa", "fruta", "fuego", "fuente", "galleta", "gallo", "gancho", "ganso",
    "garza", "gato", "gaviota", "gigante", "girasol", "globo", "gorila", "gorra", "grillo",
    "guante", "guitarra", "gusano", "hacha", "hada", "hamaca", "harina", "helado", "hielo",
    "hierro", "hilo", "hoja", "hongo", "hormiga", "horno", "huerto", "hueso", "huevo", "isla",
    "jaguar", "jarra", "jinete", "jirafa", "joya", "juguete", "lagarto", "lago", "lana",
    "leche", "lechuga", "libro", "lima", "lirio", "llave", "lobo", "luna", "maceta", "madera",
    "maleta", "mango", "manzana", "mapa", "mariposa", "martillo", "medalla", "mesa", "miel",
    "mochila", "moneda", "mono", "mosca", "museo", "naranja", "nido", "niebla", "nieve",
    "nogal", "nopal", "nube", "nuez", "nutria", "oasis", "olivo", "olla", "oso", "oveja",
    "palma", "paloma", "panal", "pantera", "papel", "paraguas", "pastel", "pasto", "pato",
    "payaso", "peine", "pelota", "pepino", "perla", "perro", "pez", "piano", "pico", "pino",
    "pinza", "pirata", "planeta", "playa", "pluma", "pollo", "puente", "puerta", "pulpo",
    "queso", "rana", "rayo", "regalo", "reloj", "roble", "roca", "rosa", "rueda", "salsa",
    "sapo", "selva", "semilla", "silla", "sol", "sombrero", "sopa", "tambor", "taza", "tierra",
    "tigre", "tijera", "tomate", "tornillo", "toro", "tortuga", "tren", "trigo", "trompo",
    "trueno", "uva", "vaca", "vaso", "vela", "venado", "ventana", "verano", "viento", "yate",
    "yegua", "zanahoria", "zapato", "zorro",
)

assert len(WORDS) == 256 and len(set(WORDS)) == 256
