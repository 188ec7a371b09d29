"""The home-exercise catalogue (data only): each exercise with its name, instructions in plain
Spanish (addressed to the patient or the caregiver, «usted») and English, and the usual dose.

Keys are stable: a programme stores them, so an exercise is never renamed or removed, only added.
"""

from __future__ import annotations

import attrs

from ayni.core import Text


@attrs.frozen
class Exercise:
    """One home exercise: ``reps`` times, ``sets`` rounds, ``per_day`` times a day; ``hold_s`` seconds
    held each time, or ``minutes`` for an activity done for a while rather than counted."""

    key: str
    name: Text
    steps: Text
    reps: int = 10
    sets: int = 2
    per_day: int = 2
    hold_s: int = 0
    minutes: int = 0
    region: str = "general"
    caution: Text | None = None


_E = Exercise
_STOP_IF_PAIN = Text("Si le duele más, pare y avise en la próxima cita.",
                     "If it hurts more, stop and tell us at the next visit.")

CATALOGUE: tuple[Exercise, ...] = (
    _E("ankle_pumps", Text("Mover los pies arriba y abajo", "Ankle pumps"),
       Text("Acostado o sentado, mueva los pies hacia arriba y hacia abajo, como si pisara un pedal.",
            "Lying or sitting, move your feet up and down, as if pressing a pedal."),
       reps=15, sets=2, per_day=3, region="ankle"),
    _E("quad_sets", Text("Apretar la rodilla contra la cama", "Quadriceps sets"),
       Text("Acostado boca arriba con la pierna estirada, apriete la parte de atrás de la rodilla contra la cama. "
            "Cuente hasta 5 y suelte.",
            "Lying on your back with the leg straight, press the back of the knee into the bed. Count to 5 and relax."),
       reps=10, sets=2, per_day=3, hold_s=5, region="knee"),
    _E("heel_slides", Text("Deslizar el talón", "Heel slides"),
       Text("Acostado boca arriba, doble la rodilla deslizando el talón hacia la nalga. Vuelva despacio.",
            "Lying on your back, bend the knee by sliding the heel towards your bottom. Return slowly."),
       region="knee", caution=_STOP_IF_PAIN),
    _E("straight_leg_raise", Text("Levantar la pierna estirada", "Straight-leg raise"),
       Text("Acostado, doble una rodilla y apoye ese pie. Levante la otra pierna estirada hasta la altura de la "
            "rodilla doblada. Baje despacio.",
            "Lying down, bend one knee with the foot flat. Lift the other leg, kept straight, to the height of the "
            "bent knee. Lower it slowly."),
       region="hip"),
    _E("bridging", Text("El puente", "Bridging"),
       Text("Acostado boca arriba con las rodillas dobladas, levante las nalgas de la cama. Cuente hasta 5 y baje "
            "despacio.",
            "Lying on your back with knees bent, lift your bottom off the bed. Count to 5 and lower slowly."),
       hold_s=5, region="hip"),
    _E("sit_to_stand", Text("Pararse y sentarse", "Sit to stand"),
       Text("Sentado en una silla firme con los pies apoyados, párese sin usar las manos si puede. Siéntese "
            "despacio.",
            "Sitting on a firm chair with feet flat, stand up without using your hands if you can. Sit down "
            "slowly."),
       region="knee"),
    _E("seated_knee_extension", Text("Estirar la rodilla sentado", "Seated knee extension"),
       Text("Sentado en una silla, estire la rodilla hasta que la pierna quede recta. Cuente hasta 5 y baje.",
            "Sitting on a chair, straighten the knee until the leg is straight. Count to 5 and lower it."),
       hold_s=5, region="knee"),
    _E("side_lying_abduction", Text("Abrir la pierna de costado", "Side-lying leg lift"),
       Text("Acostado de lado, con la pierna de abajo doblada, levante la pierna de arriba estirada. Baje despacio.",
            "Lying on your side with the bottom leg bent, lift the top leg, kept straight. Lower it slowly."),
       per_day=1, region="hip"),
    _E("calf_stretch", Text("Estirar la pantorrilla", "Calf stretch"),
       Text("De pie frente a una pared, ponga un pie atrás con el talón en el suelo y la rodilla recta. Incline el "
            "cuerpo hacia la pared hasta sentir que estira.",
            "Standing facing a wall, put one foot back with the heel down and the knee straight. Lean towards the "
            "wall until you feel the stretch."),
       reps=3, sets=1, hold_s=30, region="ankle"),
    _E("hamstring_stretch", Text("Estirar la parte de atrás del muslo", "Hamstring stretch"),
       Text("Sentado en el borde de la silla, estire una pierna con el talón en el suelo. Inclínese hacia adelante "
            "con la espalda recta hasta sentir que estira.",
            "Sitting on the edge of a chair, stretch one leg out with the heel on the floor. Lean forward with a "
            "straight back until you feel the stretch."),
       reps=3, sets=1, hold_s=30, region="knee"),
    _E("heel_raises", Text("Pararse de puntillas", "Heel raises"),
       Text("De pie, agarrado del respaldo de una silla, suba en la punta de los pies y baje despacio.",
            "Standing and holding the back of a chair, rise onto your toes and lower slowly."),
       region="ankle"),
    _E("single_leg_stance", Text("Pararse en un pie", "Single-leg stance"),
       Text("De pie junto a una mesa, párese en un pie. Agárrese de la mesa si pierde el equilibrio.",
            "Standing next to a table, stand on one foot. Hold the table if you lose your balance."),
       reps=5, sets=1, hold_s=10, region="balance"),
    _E("walking_practice", Text("Caminar un poco más cada día", "Walking practice"),
       Text("Camine dentro de la casa o en el patio con su ayuda (bastón, muletas o andador). Cada día camine un "
            "poco más.",
            "Walk indoors or in the yard with your aid (cane, crutches or walker). Walk a little further every day."),
       reps=1, sets=1, per_day=3, minutes=10, region="gait"),
    _E("pendulum", Text("El péndulo", "Pendulum"),
       Text("Apoye la mano sana en una mesa, inclínese hacia adelante y deje colgar el otro brazo. Mueva el brazo "
            "en círculos pequeños, hacia un lado y hacia el otro.",
            "Rest your good hand on a table, lean forward and let the other arm hang. Move the arm in small "
            "circles, one way and then the other."),
       per_day=3, region="shoulder"),
    _E("wall_walk", Text("Subir la mano por la pared", "Finger wall walk"),
       Text("De frente a la pared, suba los dedos por la pared como una arañita, lo más alto que pueda sin dolor. "
            "Baje despacio.",
            "Facing a wall, walk your fingers up it like a spider, as high as you can without pain. Come down "
            "slowly."),
       sets=1, region="shoulder", caution=_STOP_IF_PAIN),
    _E("scapular_squeeze", Text("Juntar los hombros hacia atrás", "Shoulder-blade squeeze"),
       Text("Sentado con la espalda recta, lleve los hombros hacia atrás juntando las paletas. Cuente hasta 5 y "
            "suelte.",
            "Sitting up straight, draw your shoulders back, squeezing the shoulder blades together. Count to 5 and "
            "relax."),
       hold_s=5, region="shoulder"),
    _E("elbow_bend", Text("Doblar y estirar el codo", "Elbow bend and straighten"),
       Text("Doble el codo llevando la mano al hombro y luego estírelo del todo. Puede sostener una botella con "
            "agua como peso.",
            "Bend the elbow bringing the hand to the shoulder, then straighten it fully. You may hold a bottle of "
            "water as a weight."),
       region="elbow"),
    _E("hand_open_close", Text("Abrir y cerrar la mano", "Open and close the hand"),
       Text("Abra bien la mano estirando los dedos y luego cierre el puño. Si puede, apriete una pelota o un "
            "trapo enrollado.",
            "Open the hand wide, stretching the fingers, then make a fist. If you can, squeeze a ball or a rolled "
            "cloth."),
       sets=3, per_day=3, region="hand"),
    _E("assisted_wrist_stretch", Text("Estirar la mano y la muñeca (con ayuda)", "Assisted wrist and hand stretch"),
       Text("El cuidador sostiene el antebrazo, abre despacio los dedos y lleva la muñeca hacia atrás. Mantenga sin "
            "forzar y sin causar dolor.",
            "The caregiver holds the forearm, slowly opens the fingers and bends the wrist back. Hold without "
            "forcing and without causing pain."),
       reps=3, sets=1, hold_s=30, region="hand"),
    _E("pelvic_tilt", Text("Pegar la espalda a la cama", "Pelvic tilt"),
       Text("Acostado boca arriba con las rodillas dobladas, apriete la barriga y pegue la parte baja de la "
            "espalda contra la cama. Cuente hasta 5 y suelte.",
            "Lying on your back with knees bent, tighten your tummy and flatten your lower back against the bed. "
            "Count to 5 and relax."),
       hold_s=5, region="back"),
    _E("knee_to_chest", Text("Rodilla al pecho", "Knee to chest"),
       Text("Acostado boca arriba, abrace una rodilla y llévela hacia el pecho. Mantenga y luego cambie de pierna.",
            "Lying on your back, hug one knee towards your chest. Hold, then change legs."),
       reps=3, sets=1, hold_s=20, region="back"),
    _E("cat_camel", Text("El gato", "Cat and camel"),
       Text("En cuatro patas, arquee la espalda hacia arriba como un gato enojado y luego húndala despacio.",
            "On hands and knees, arch your back up like an angry cat, then let it sag slowly."),
       sets=1, region="back"),
    _E("chin_tuck", Text("Meter la barbilla", "Chin tuck"),
       Text("Sentado derecho, lleve la barbilla hacia atrás sin bajar la cabeza, como haciendo papada. Cuente "
            "hasta 5.",
            "Sitting up straight, draw your chin back without tipping your head down, as if making a double chin. "
            "Count to 5."),
       hold_s=5, region="neck"),
    _E("tummy_time", Text("Boca abajo para jugar (bebé)", "Tummy time (baby)"),
       Text("Ponga al bebé boca abajo sobre una manta, con juguetes delante, para que levante la cabeza. Quédese "
            "siempre a su lado.",
            "Put the baby on their tummy on a blanket, with toys in front, so they lift their head. Always stay "
            "beside them."),
       reps=1, sets=1, per_day=4, minutes=5, region="child"),
    _E("supported_sitting", Text("Sentado con apoyo (niño)", "Supported sitting (child)"),
       Text("Siente al niño en el suelo entre sus piernas o en una caja con apoyo. Juegue delante de él para que "
            "mantenga la cabeza y la espalda derechas.",
            "Sit the child on the floor between your legs or in a supported box. Play in front of them so they keep "
            "the head and back upright."),
       reps=1, sets=1, per_day=3, minutes=10, region="child"),
    _E("assisted_ankle_stretch", Text("Estirar el tobillo del niño (con ayuda)", "Assisted ankle stretch (child)"),
       Text("Con el niño acostado, sujete la rodilla recta con una mano y con la otra lleve el pie hacia arriba, "
            "despacio. Mantenga sin forzar.",
            "With the child lying down, hold the knee straight with one hand and with the other bring the foot up, "
            "slowly. Hold without forcing."),
       reps=5, sets=1, per_day=3, hold_s=30, region="child"),
    _E("pressure_relief", Text("Levantarse con los brazos en la silla de ruedas", "Wheelchair push-up"),
       Text("En la silla de ruedas con los frenos puestos, apoye las manos en los apoyabrazos y levante las nalgas "
            "del asiento. Hágalo cada media hora para cuidar la piel.",
            "In the wheelchair with the brakes on, put your hands on the armrests and lift your bottom off the "
            "seat. Do it every half hour to protect your skin."),
       reps=1, sets=1, per_day=16, hold_s=15, region="wheelchair"),
    _E("deep_breathing", Text("Respirar hondo", "Deep breathing"),
       Text("Tome aire por la nariz inflando la barriga y bótelo despacio por la boca con los labios juntos.",
            "Breathe in through the nose filling your tummy, and breathe out slowly through pursed lips."),
       sets=1, per_day=3, region="breathing"),
)

BY_KEY: dict[str, Exercise] = {e.key: e for e in CATALOGUE}
