/*
 * rng: xoshiro256** seeded by splitmix64, a ziggurat for normals, and the samplers of the
 * range distributions.  See rng.h for the contract.
 *
 * Everything here is a pure function of its arguments and the rng passed in: the only
 * static data are constant tables, so the code is safe to run from several threads (one
 * rng each) and gives the same numbers on every platform for the same seed (up to libm's
 * last bit in exp, log and erfc; see rng.h).
 *
 * Algorithms, all written from their published descriptions:
 *   - xoshiro256** and splitmix64: D. Blackman and S. Vigna, "Scrambled linear
 *     pseudorandom number generators" (2018), and the reference C at prng.di.unimi.it.
 *   - The ziggurat: G. Marsaglia and W. W. Tsang, "The ziggurat method for generating
 *     random variables" (J. Stat. Software, 2000), with 256 layers of doubles and the
 *     layer, the sign and a 53-bit uniform all taken from one 64-bit output.
 *   - Gamma variates: G. Marsaglia and W. W. Tsang, "A simple method for generating gamma
 *     variables" (ACM TOMS, 2000).
 *   - The inverse normal CDF: P. J. Acklam's rational approximation (relative error below
 *     1.15e-9), then one Halley step on erf or erfc, which brings it to rounding level.
 *   - The incomplete beta function: its continued fraction (Abramowitz and Stegun 26.5.8),
 *     evaluated by Lentz's method; the inverse starts from A&S 26.5.22.
 */
#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <string.h>

#include "rng.h"

/* The ziggurat's fast path must be inlined into the loops and its slow path kept out. */
#if defined(__GNUC__)
#define ALWAYS_INLINE inline __attribute__((always_inline))
#define NOINLINE __attribute__((noinline))
#else
#define ALWAYS_INLINE inline
#define NOINLINE
#endif

#define PI 3.14159265358979323846
#define SQRT_2PI 2.50662827463100050242    /* sqrt(2 pi) */
#define SQRT1_2 0.70710678118654752440     /* 1 / sqrt(2) */
#define LN_SQRT_2PI 0.91893853320467274178 /* ln sqrt(2 pi) */

/* ---- the generator -------------------------------------------------------------------- */

static inline uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

/* The splitmix64 output function: a bijection of 64-bit words with good avalanche. */
static inline uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
    return z ^ (z >> 31);
}

uint64_t rng_splitmix64(uint64_t *state)
{
    *state += 0x9e3779b97f4a7c15u;
    return mix64(*state);
}

void rng_seed(rng *r, uint64_t seed)
{
    uint64_t x = seed;
    for (int i = 0; i < 4; i++)
        r->s[i] = rng_splitmix64(&x);
    /* Four successive outputs of a bijection of distinct states: never all zero. */
}

/* xoshiro256** on a bare state, so that loops can keep the state in locals. */
static inline uint64_t next_bits(uint64_t s[4])
{
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

/*
 * The top 52 bits as k, and (k + 1/2) / 2^52: in (0, 1), never 0 or 1.  (Keeping 53 bits
 * would round the largest value, (2^53 - 1/2) / 2^53, up to exactly 1.)
 */
static inline double uniform_bits(uint64_t s[4])
{
    return ((double)(int64_t)(next_bits(s) >> 12) + 0.5) * 0x1p-52;
}

uint64_t rng_next(rng *r)
{
    return next_bits(r->s);
}

double rng_uniform(rng *r)
{
    return uniform_bits(r->s);
}

uint64_t rng_hash(uint64_t h, const void *data, size_t n)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3u; /* the 64-bit FNV prime */
    }
    return mix64(h);
}

/* ---- the ziggurat --------------------------------------------------------------------- */

/*
 * The ziggurat covers f(x) = exp(-x^2 / 2), x >= 0, with 256 layers of equal area
 * v = r f(r) + integral of f from r to infinity = 0.004928673233974655, where
 * r = 3.6541528853610088 is the one value for which the layers exactly reach f(0) = 1.
 *
 *   zig_x[0] = v / f(r)   the width of the base layer (its rectangle plus the tail)
 *   zig_x[1] = r
 *   zig_x[i + 1] = sqrt(-2 ln(f(zig_x[i]) + v / zig_x[i]))   i = 1 .. 254
 *   zig_x[256] = 0
 *   zig_f[i] = f(zig_x[i]);  zig_k[i] = zig_x[i + 1] / zig_x[i]
 *
 * Layer i >= 1 spans heights zig_f[i] .. zig_f[i + 1] and widths 0 .. zig_x[i]; a point
 * of it left of zig_x[i + 1] lies under the curve whatever its height (zig_k[255] = 0: the
 * top layer is all edge).  Layer 0 is the rectangle under f(r) with the tail beyond r laid
 * flat beside it: a point of it right of r is redrawn from the tail.  The values were computed
 * with 60-digit arithmetic (mpmath: r by bisection on the area of the top layer, then the
 * recurrence) and rounded to the nearest double, so they are constants, not computed at
 * run time: no initialisation, no race, the same on every platform.
 */
/* The tables, three numbers a line as computed, are left as they are: */
/* clang-format off */
static const double zig_x[257] = {
    3.910757959524916, 3.654152885361009, 3.449278298561431,
    3.3202447338398255, 3.2245750520478014, 3.147889289518001,
    3.0835261320021434, 3.0278377917695933, 2.978603279881843,
    2.9343668672088876, 2.894121053613412, 2.8571387308732246,
    2.822877396826443, 2.7909211740019275, 2.760944005279986,
    2.7326853590440114, 2.705933656123062, 2.680514643285745,
    2.6562830375767432, 2.6331163936315827, 2.6109105184888235,
    2.5895759867082866, 2.569035452681844, 2.5492215503247833,
    2.530075232159854, 2.5115444416266945, 2.4935830412710467,
    2.476149939670523, 2.459208374334705, 2.442725318200364,
    2.4266709849371466, 2.4110184139011195, 2.3957431197819274,
    2.3808227951720857, 2.366237056717291, 2.3519672273791445,
    2.337996148796529, 2.3243080188711325, 2.310888250601372,
    2.2977233489028634, 2.284800802724492, 2.2721089902283818,
    2.2596370951737876, 2.247375032947389, 2.235313384929921,
    2.2234433400925107, 2.211756642884161, 2.2002455466112765,
    2.1889027716263607, 2.177721467740293, 2.1666951803543086,
    2.1558178198767375, 2.145083634047889, 2.134487182846017,
    2.1240233156895236, 2.113687150686653, 2.1034740557148774,
    2.093379631138792, 2.0833996939983046, 2.073530263518743,
    2.0637675478117323, 2.0541079316506523, 2.0445479652175313,
    2.035084353729619, 2.025713947863854, 2.016433734906204,
    2.0072408305605287, 1.9981324713584196, 1.989106007617438,
    1.9801588969004766, 1.9712886979336592, 1.962493064944363,
    1.9537697423846467, 1.9451165600086784, 1.9365314282756947,
    1.9280123340526658, 1.9195573365931882, 1.9111645637712533,
    1.9028322085504292, 1.8945585256707047, 1.8863418285367828,
    1.8781804862929958, 1.8700729210712668, 1.8620176053996742,
    1.8540130597602018, 1.8460578502851854, 1.8381505865828067,
    1.830289919682757, 1.8224745400938858, 1.8147031759662826,
    1.8069745913508208, 1.7992875845497203, 1.7916409865521625,
    1.7840336595494415, 1.7764644955245228, 1.7689324149112686,
    1.7614363653189102, 1.7539753203176716, 1.7465482782817223,
    1.7391542612859117, 1.7317923140529632, 1.724461502948045,
    1.717160915017823, 1.7098896570713018, 1.7026468547999232,
    1.6954316519345616, 1.6882432094371953, 1.681080704725174,
    1.673943330926125, 1.6668302961616654, 1.6597408228581825,
    1.652674147083056, 1.6456295179047824, 1.6386061967755476,
    1.6316034569348736, 1.6246205828330347, 1.6176568695730156,
    1.6107116223698301, 1.6037841560260946, 1.5968737944227882,
    1.5899798700241907, 1.5831017233960292, 1.5762387027359064,
    1.5693901634151237, 1.562555467531045, 1.5557339834691764,
    1.5489250854741734, 1.5421281532290019, 1.535342571441514,
    1.5285677294377125, 1.521803020760998, 1.5150478427767147,
    1.5083015962813116, 1.5015636851154637, 1.4948335157804935,
    1.4881104970574475, 1.4813940396281873, 1.4746835556978555,
    1.4679784586180795, 1.4612781625102755, 1.4545820818884103,
    1.447889631280576, 1.441200224848724, 1.4345132760058923,
    1.427828197030256, 1.421144398675309, 1.4144612897754711,
    1.407778276846399, 1.401094763679251, 1.394410150928141,
    1.3877238356899761, 1.3810352110758555, 1.3743436657731662,
    1.367648583597476, 1.360949343033283, 1.354245316762635,
    1.3475358711805872, 1.340820365896404, 1.33409815321936,
    1.3273685776279258, 1.3206309752210563, 1.3138846731502205,
    1.3071289890307312, 1.3003632303308372, 1.2935866937369478,
    1.2867986644932436, 1.279998415713818, 1.2731852076653563,
    1.2663582870182295, 1.2595168860637143, 1.2526602218948972,
    1.2457874955486272, 1.2388978911056874, 1.2319905747461362,
    1.2250646937565308, 1.2181193754854815, 1.211153726243699,
    1.2041668301443815, 1.1971577478794415, 1.190125515426692,
    1.1830691426826867, 1.175987612015452, 1.168879876730833,
    1.1617448594456115, 1.1545814503599277, 1.147388505420849,
    1.1401648443681514, 1.1329092486525338, 1.1256204592155334,
    1.118297174119345, 1.1109380460135758, 1.1035416794246398,
    1.0961066278520215, 1.0886313906539797, 1.0811144097034038,
    1.0735540657924363, 1.0659486747621225, 1.0582964833306752,
    1.05059566459093, 1.042844313144149, 1.035040439833441,
    1.0271819660356458, 1.0192667174654841, 1.0112924174399958,
    1.003256679544673, 0.995156999635091, 0.9869907470990624,
    0.9787551552942246, 0.9704473110642244, 0.9620641432230406,
    0.953602409881086, 0.9450586844681654, 0.9364293402865751,
    0.9277105334020002, 0.9188981836495906, 0.9099879534967185,
    0.9009752244612218, 0.8918550707329416, 0.8826222295851656,
    0.8732710680888608, 0.8637955455533088, 0.8541891710081638,
    0.8444449549091539, 0.8345553540863822, 0.8245122087522921,
    0.8143066701352152, 0.8039291169899713, 0.7933690588406233,
    0.7826150233072331, 0.7716544242245681, 0.7604734064301081,
    0.7490566620178153, 0.7373872114342956, 0.7254461409099996,
    0.7132122851909759, 0.7006618411068151, 0.6877678927957885,
    0.6744998228372938, 0.6608225742444197, 0.6466957148949938,
    0.6320722363860611, 0.6168969900077514, 0.6011046177559927,
    0.5846167661063794, 0.5673382570538188, 0.5491517023271651,
    0.5299097206615582, 0.5094233296020918, 0.487443966139236,
    0.46363433679088223, 0.4375184022078717, 0.40838913461199117,
    0.37512133287838056, 0.33573751921442524, 0.2861745917920725,
    0.2152418959848817, 0.0,
};
static const double zig_k[256] = {
    0.934384823397488, 0.9439337670790047, 0.9625911412322338,
    0.9711859548132216, 0.976218335348994, 0.9795535510952761,
    0.9819400459575832, 0.9837393825978453, 0.9851486053977923,
    0.9862846687490864, 0.9872215701917465, 0.9880085157655923,
    0.988679556944116, 0.9892590414228875, 0.9897648607932891,
    0.9902104708716601, 0.990606195100239, 0.9909600920219936,
    0.9912785484011166, 0.9915666944323214, 0.9918287005129209,
    0.9920679933194188, 0.9922874157550544, 0.992489347125404,
    0.9926757946571649, 0.9928484640534514, 0.9930088145002632,
    0.9931581019935843, 0.9932974137912165, 0.9934276960476893,
    0.9935497761611747, 0.993664380980618, 0.9937721517442154,
    0.9938736564164405, 0.9939693999391832, 0.9940598327986975,
    0.9941453582237755, 0.9942263382646339, 0.994303098951201,
    0.9943759346900741, 0.9944451120285952, 0.994510872890239,
    0.9945734373662974, 0.9946330061335381, 0.9946897625552479,
    0.9947438745131849, 0.9947954960099616, 0.9948447685748596,
    0.99489182250075, 0.9949367779354144, 0.9949797458469481,
    0.9950208288799365, 0.995060122116602, 0.9950977137550475,
    0.995133685714973, 0.9951681141797839, 0.9952010700827709,
    0.9952326195439963, 0.9952628242636338, 0.9952917418767528,
    0.9953194262738929, 0.9953459278912192, 0.9953712939735774,
    0.9953955688133556, 0.9954187939677089, 0.9954410084563959,
    0.9954622489422131, 0.995482549895781, 0.9955019437462368,
    0.9955204610192133, 0.9955381304633278, 0.9955549791662761,
    0.9955710326615014, 0.9955863150263112, 0.9956008489722191,
    0.9956146559282091, 0.9956277561175484, 0.9956401686287119,
    0.9956519114809248, 0.9956630016847787, 0.9956734552983338,
    0.9956832874790797, 0.9956925125320898, 0.9957011439546759,
    0.9957091944778181, 0.9957166761046208, 0.9957236001460235,
    0.995729977253972, 0.9957358174522412, 0.995741130165077,
    0.9957459242438189, 0.9957502079916417, 0.9957539891865498,
    0.9957572751027409, 0.9957600725304503, 0.9957623877943724,
    0.9957642267707537, 0.9957655949032373, 0.9957664972175375,
    0.9957669383350128, 0.9957669224852016, 0.9957664535173786,
    0.9957655349111846, 0.9957641697863802, 0.9957623609117644,
    0.995760110713302, 0.9957574212814934, 0.9957542943780229,
    0.9957507314417124, 0.9957467335938107, 0.99574230164264,
    0.9957374360876237, 0.9957321371227124, 0.9957264046392268,
    0.9957202382281313, 0.99571363718175, 0.9957066004949376,
    0.9956991268657122, 0.9956912146953558, 0.9956828620879903,
    0.9956740668496281, 0.995664826486702, 0.9956551382040705,
    0.9956449989024998, 0.9956344051756147, 0.9956233533063155,
    0.9956118392626518, 0.9955998586931444, 0.9955874069215439,
    0.9955744789410131, 0.9955610694077178, 0.9955471726338101,
    0.9955327825797838, 0.9955178928461814, 0.9955024966646298,
    0.9954865868881773, 0.9954701559809056, 0.9954531960067847,
    0.9954356986177362, 0.9954176550408703, 0.9953990560648556,
    0.9953798920253778, 0.995360152789642, 0.9953398277398663,
    0.9953189057557145, 0.9952973751956048, 0.995275223876835,
    0.9952524390544513, 0.9952290073987884, 0.9952049149715997,
    0.9951801472006893, 0.9951546888529538, 0.9951285240057307,
    0.9951016360163432, 0.9950740074897233, 0.9950456202439844,
    0.9950164552738031, 0.9949864927114603, 0.9949557117853775,
    0.9949240907759697, 0.9948916069686261, 0.9948582366036041,
    0.994823954822614, 0.9947887356118449, 0.9947525517411634,
    0.9947153746991929, 0.9946771746239529, 0.9946379202287109,
    0.9945975787226662, 0.9945561157260497, 0.9945134951791846,
    0.9944696792450097, 0.9944246282045192, 0.9943783003445197,
    0.9943306518370454, 0.9942816366097073, 0.9942312062061791,
    0.9941793096359418, 0.994125893212314, 0.9940709003777006,
    0.9940142715148695, 0.9939559437429468, 0.9938958506966711,
    0.9938339222872894, 0.9937700844432964, 0.9937042588290108,
    0.9936363625387534, 0.9935663077641307, 0.9934940014316263,
    0.9934193448073724, 0.9933422330655821, 0.9932625548166928,
    0.9931801915907666, 0.9930950172711258, 0.9930068974725426,
    0.9929156888575519, 0.9928212383835882, 0.9927233824726421,
    0.9926219460939818, 0.9925167417491307, 0.9924075683467405,
    0.9922942099531692, 0.9921764344024522, 0.9920539917468534,
    0.9919266125262599, 0.9917940058312177, 0.991655857130329,
    0.9915118258278776, 0.9913615425117819, 0.9912046058450878,
    0.9910405790459507, 0.9908689858911285, 0.9906893061660084,
    0.9905009704696423, 0.9903033542655582, 0.990095771047447,
    0.9898774644622064, 0.9896475991999594, 0.9894052504198768,
    0.9891493914297551, 0.9888788792734609, 0.9885924377998035,
    0.9882886376841038, 0.9879658727429954, 0.9876223317147473,
    0.9872559644592855, 0.9868644412471508, 0.9864451034313017,
    0.9859949032969659, 0.9855103302158918, 0.9849873193253577,
    0.984421137711953, 0.9838062413625681, 0.9831360937371897,
    0.9824029333975924, 0.9815974731966873, 0.9807085063180839,
    0.9797223837134004, 0.9786223111921101, 0.9773873891969315,
    0.9759912783623027, 0.9744003091155293, 0.9725707453202327,
    0.9704447254093693, 0.9679440712828072, 0.9649605353419385,
    0.9613398466555957, 0.9568544230590622, 0.95115412026343,
    0.9436712673962501, 0.9334216173562437, 0.9185389646440566,
    0.8950104667155143, 0.8523759645978131, 0.7521348930280688,
    0.0,
};
static const double zig_f[257] = {
    0.00047746776460938755, 0.0012602859304985975, 0.002609072746102163,
    0.0040379725933630305, 0.005522403299250998, 0.007050875471373227,
    0.008616582769398732, 0.010214971439701471, 0.01184275785790789,
    0.01349745060173988, 0.015177088307935327, 0.01688008315254317,
    0.018605121275724647, 0.02035109623004452, 0.022117062707308868,
    0.023902203305795882, 0.025705804008548896, 0.027527235669603085,
    0.029365939758133317, 0.03122141719192025, 0.03309321945857852,
    0.034980941461716084, 0.03688421568856729, 0.03880270740452612,
    0.04073611065594093, 0.04268414491647444, 0.04464655225129445,
    0.04662309490193037, 0.04861355321586853, 0.05061772386094777,
    0.05263541827679218, 0.05466646132488892, 0.0567106901062029,
    0.058767952920933765, 0.060838108349539864, 0.06292102443775813,
    0.06501657797124286, 0.0671246538277885, 0.06924514439700677,
    0.07137794905889037, 0.07352297371398127, 0.07568013035892708,
    0.07784933670209605, 0.08003051581466306, 0.08222359581320286,
    0.08442850957035337, 0.08664519445055796, 0.0888735920682758,
    0.09111364806637363, 0.09336531191269087, 0.09562853671300883,
    0.0979032790388623, 0.10018949876880982, 0.1024871589419351,
    0.1047962256224869, 0.10711666777468365, 0.10944845714681165,
    0.111791568163838, 0.11414597782783836, 0.11651166562561081,
    0.11888861344290999, 0.12127680548479022, 0.12367622820159656,
    0.12608687022018586, 0.12850872227999954, 0.13094177717364433,
    0.13338602969166913, 0.13584147657125373, 0.13830811644855073,
    0.1407859498144447, 0.14327497897351343, 0.14577520800599406,
    0.14828664273257455, 0.1508092906818457, 0.15334316106026286,
    0.15588826472447923, 0.1584446141559243, 0.1610122234375111,
    0.16359110823236572, 0.16618128576448207, 0.1687827748012115,
    0.17139559563750595, 0.17401977008183878, 0.176655321443735,
    0.17930227452284767, 0.18196065559952257, 0.18463049242679927,
    0.18731181422380028, 0.19000465167046499, 0.19270903690358915,
    0.19542500351413428, 0.19815258654577514, 0.2008918224946566,
    0.20364274931033488, 0.20640540639788074, 0.20917983462112502,
    0.21196607630703018, 0.2147641752511736, 0.21757417672433116,
    0.22039612748015197, 0.22323007576391746, 0.22607607132238022,
    0.22893416541468026, 0.2318044108243386, 0.23468686187232993,
    0.23758157443123798, 0.24048860594050042, 0.24340801542275015,
    0.24633986350126366, 0.24928421241852827, 0.25224112605594196,
    0.2552106699546617, 0.25819291133761896, 0.2611879191327209,
    0.2641957639972608, 0.26721651834356114, 0.27025025636587524,
    0.2732970540685769, 0.2763569892956681, 0.2794301417616378,
    0.28251659308370747, 0.2856164268155016, 0.28872972848218276,
    0.29185658561709504, 0.2949970877999617, 0.29815132669668537,
    0.30131939610080294, 0.3045013919766498, 0.30769741250429195,
    0.31090755812628634, 0.3141319315963371, 0.3173706380299135,
    0.32062378495690536, 0.3238914823763911, 0.32717384281360135,
    0.3304709813791634, 0.3337830158307183, 0.33711006663700593,
    0.3404522570445217, 0.3438097131468506, 0.34718256395679353,
    0.35057094148140594, 0.3539749808000766, 0.3573948201457803,
    0.3608306009896478, 0.3642824681290038, 0.3677505697790323,
    0.3712350576682393, 0.3747360871378909, 0.37825381724561896,
    0.38178841087339344, 0.3853400348400771, 0.3889088600187886,
    0.3924950614593154, 0.39609881851583223, 0.39972031498019706,
    0.40335973922111434, 0.4070172843294732, 0.41069314827018805,
    0.41438753404089096, 0.418100649837848, 0.4218327092294958,
    0.42558393133802186, 0.4293545410294413, 0.43314476911265215,
    0.4369548525479854, 0.4407850346658038, 0.4446355653957392,
    0.4485067015072028, 0.4523987068618483, 0.45631185267871616,
    0.46024641781284253, 0.464202689048174, 0.46818096140569326,
    0.4721815384677298, 0.47620473271950553, 0.4802508659090465,
    0.48432026942668294, 0.48841328470545764, 0.4925302636438682,
    0.4966715690524894, 0.5008375751261485, 0.5050286679434679,
    0.5092452459957476, 0.5134877207473266, 0.5177565172297559,
    0.5220520746723215, 0.526374847171684, 0.5307253044036616,
    0.5351039323804572, 0.5395112342569517, 0.5439477311900258,
    0.5484139632552655, 0.552910490425832, 0.5574378936187656,
    0.561996775814524, 0.566587763256164, 0.5712115067352528,
    0.5758686829723533, 0.5805599961007905, 0.5852861792633709,
    0.5900479963328256, 0.594846243767987, 0.5996817526191249,
    0.6045553906974674, 0.6094680649257731, 0.6144207238889136,
    0.6194143606058341, 0.6244500155470262, 0.6295287799248364,
    0.6346517992876233, 0.6398202774530563, 0.6450354808208221,
    0.6502987431108165, 0.655611470579697, 0.6609751477766629,
    0.6663913439087499, 0.6718617198970818, 0.6773880362187731,
    0.6829721616449944, 0.6886160830046714, 0.6943219161261164,
    0.7000919181365113, 0.7059285013327539, 0.7118342488782481,
    0.7178119326307216, 0.7238645334686298, 0.7299952645614758,
    0.7362075981268623, 0.7425052963401507, 0.7488924472191565,
    0.7553735065070958, 0.7619533468367949, 0.7686373157984858,
    0.7754313049811867, 0.7823418326548021, 0.7893761435660241,
    0.7965423304229586, 0.8038494831709639, 0.8113078743126559,
    0.818929191603702, 0.826726833946221, 0.8347162929868832,
    0.842915653112204, 0.8513462584586777, 0.8600336211963312,
    0.8690086880368567, 0.8783096558089171, 0.887984660755833,
    0.8980959218983431, 0.9087264400521305, 0.9199915050393467,
    0.9320600759592301, 0.9451989534422993, 0.9598790918001063,
    0.9771017012676713, 1.0,
};
/* clang-format on */

/*
 * The rare part of a ziggurat draw in layer i at x = u zig_x[i] (with u >= zig_k[i]):
 * the tail beyond r from the base layer, or the wedge test of the others.  Returns true
 * with the magnitude in *x when accepted; false to start again.
 */
static NOINLINE bool zig_edge(uint64_t s[4], unsigned i, double *x)
{
    if (i == 0) {
        /* Marsaglia's tail method: r + t, t exponential with rate r, thinned. */
        const double r = zig_x[1];
        double t, y;
        do {
            t = -log(uniform_bits(s)) / r;
            y = -log(uniform_bits(s));
        } while (y + y < t * t);
        *x = r + t;
        return true;
    }
    double height = zig_f[i] + uniform_bits(s) * (zig_f[i + 1] - zig_f[i]);
    return height < exp(-0.5 * *x * *x);
}

/*
 * One standard normal: 8 bits pick the layer, 1 bit the sign, 53 bits the position
 * within the layer; about 99% of draws finish in the first test.  The sign is set by
 * flipping the top bit rather than by a branch, which would be mispredicted half the time.
 */
static ALWAYS_INLINE double zig_normal(uint64_t s[4])
{
    for (;;) {
        uint64_t bits = next_bits(s);
        unsigned i = (unsigned)(bits & 0xff);
        double u = (double)(int64_t)(bits >> 11) * 0x1p-53; /* [0, 1) */
        double x = u * zig_x[i];
        if (u < zig_k[i] || zig_edge(s, i, &x)) {
            uint64_t xb;
            memcpy(&xb, &x, sizeof xb);
            xb ^= (bits & 0x100) << 55; /* bit 8 to the sign bit, 63 */
            memcpy(&x, &xb, sizeof x);
            return x;
        }
    }
}

double rng_normal(rng *r)
{
    return zig_normal(r->s);
}

void rng_fill_normal(rng *r, double *out, size_t n)
{
    uint64_t s[4] = {r->s[0], r->s[1], r->s[2], r->s[3]};
    for (size_t i = 0; i < n; i++)
        out[i] = zig_normal(s);
    for (int j = 0; j < 4; j++)
        r->s[j] = s[j];
}

/* ---- the normal CDF and its inverse --------------------------------------------------- */

double rng_normal_cdf(double z)
{
    return 0.5 * erfc(-z * SQRT1_2);
}

/* Acklam's approximation below p = 0.02425 (p > 0): relative error below 1.15e-9. */
static double acklam_lower(double p)
{
    static const double c[6] = {-7.784894002430293e-03, -3.223964580411365e-01,
                                -2.400758277161838e+00, -2.549732539343734e+00,
                                4.374664141464968e+00,  2.938163982698783e+00};
    static const double d[4] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                                3.754408661907416e+00};
    double q = sqrt(-2 * log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
           ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
}

/* Acklam's approximation for q = p - 1/2, |q| <= 0.47575. */
static double acklam_central(double q)
{
    static const double a[6] = {-3.969683028665376e+01, 2.209460984245205e+02,
                                -2.759285104469687e+02, 1.383577518672690e+02,
                                -3.066479806614716e+01, 2.506628277459239e+00};
    static const double b[5] = {-5.447609879822406e+01, 1.615858368580409e+02,
                                -1.556989798598866e+02, 6.680131188771972e+01,
                                -1.328068155288572e+01};
    double r = q * q;
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
           (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/*
 * One Halley step for Phi(x) = target, given e = Phi(x) - target computed without
 * cancellation by the caller.  Skipped where the density underflows (|x| > 38).
 */
static double halley(double x, double e)
{
    double pdf = exp(-0.5 * x * x) / SQRT_2PI;
    if (!(pdf > 0))
        return x;
    double t = e / pdf;
    return x - t / (1 + 0.5 * x * t);
}

/* Phi^-1(p) for 0 < p < 0.02425, polished on erfc (accurate relative to p). */
static double quantile_lower(double p)
{
    double x = acklam_lower(p);
    return halley(x, 0.5 * erfc(-x * SQRT1_2) - p);
}

double rng_normal_quantile(double p)
{
    if (!(p >= 0 && p <= 1))
        return NAN;
    if (p == 0)
        return -INFINITY;
    if (p == 1)
        return INFINITY;
    if (p < 0.02425)
        return quantile_lower(p);
    if (p > 1 - 0.02425)
        return -quantile_lower(1 - p); /* 1 - p is exact here */
    double q = p - 0.5;                /* exact for p in [0.25, 1], close enough below */
    double x = acklam_central(q);
    return halley(x, 0.5 * erf(x * SQRT1_2) - q);
}

/* ---- inverse CDFs --------------------------------------------------------------------- */

/* x kept within lo..hi, against the last-bit rounding of lo + (hi - lo) t. */
static inline double clamp(double x, double lo, double hi)
{
    return x < lo ? lo : x > hi ? hi : x;
}

/* The u quantile of a uniform on lo..hi. */
static double inv_uniform(double u, double lo, double hi)
{
    return clamp(lo + u * (hi - lo), lo, hi);
}

double rng_inv_triangular(double u, double lo, double mode, double hi)
{
    double w = hi - lo;
    if (!(w > 0))
        return lo;
    mode = clamp(mode, lo, hi);
    double x =
        u * w < mode - lo ? lo + sqrt(u * w * (mode - lo)) : hi - sqrt((1 - u) * w * (hi - mode));
    return clamp(x, lo, hi);
}

/* The u quantile of a normal, and of a lognormal (whose log is normal(mu, sigma)). */
static double inv_normal(double u, double mean, double sd)
{
    return mean + sd * rng_normal_quantile(u);
}

static double inv_lognormal(double u, double mu, double sigma)
{
    return exp(mu + sigma * rng_normal_quantile(u));
}

/* ---- beta ----------------------------------------------------------------------------- */

/*
 * ln Gamma(x) for x > 0: Lanczos' approximation with g = 7 and nine terms (relative error
 * of Gamma about 1e-15), and the reflection formula below 1/2.  Written here because C's
 * lgamma may set the global signgam.
 */
static double log_gamma(double x)
{
    static const double c[9] = {0.99999999999980993,  676.5203681218851,     -1259.1392167224028,
                                771.32342877765313,   -176.61502916214059,   12.507343278686905,
                                -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};
    if (x < 0.5)
        return log(PI / sin(PI * x)) - log_gamma(1 - x);
    x -= 1;
    double a = c[0], t = x + 7.5;
    for (int i = 1; i < 9; i++)
        a += c[i] / (x + i);
    return LN_SQRT_2PI + (x + 0.5) * log(t) - t + log(a);
}

/* ln B(a, b) = ln Gamma(a) + ln Gamma(b) - ln Gamma(a + b). */
static double log_beta(double a, double b)
{
    return log_gamma(a) + log_gamma(b) - log_gamma(a + b);
}

/*
 * The continued fraction of I_x(a, b) (A&S 26.5.8), converging fast for
 * x < (a + 1) / (a + b + 2):  I_x(a, b) = x^a (1 - x)^b / (a B(a, b)) * 1 / (1 + d1 / (1 +
 * d2 / (1 + ...))), d(2m+1) = -(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)),
 * d(2m) = m (b - m) x / ((a + 2m - 1)(a + 2m)); by the modified Lentz method.
 */
static double beta_cf(double x, double a, double b)
{
    const double tiny = 1e-300;
    double c = 1, d = 1 - (a + b) * x / (a + 1);
    if (fabs(d) < tiny)
        d = tiny;
    d = 1 / d;
    double h = d;
    for (int m = 1; m <= 1000; m++) {
        double m2 = 2.0 * m;
        double aa = m * (b - m) * x / ((a - 1 + m2) * (a + m2)); /* even step */
        d = 1 + aa * d;
        if (fabs(d) < tiny)
            d = tiny;
        c = 1 + aa / c;
        if (fabs(c) < tiny)
            c = tiny;
        d = 1 / d;
        h *= d * c;
        aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + 1 + m2)); /* odd step */
        d = 1 + aa * d;
        if (fabs(d) < tiny)
            d = tiny;
        c = 1 + aa / c;
        if (fabs(c) < tiny)
            c = tiny;
        d = 1 / d;
        double delta = d * c;
        h *= delta;
        if (fabs(delta - 1) < 1e-15)
            break;
    }
    return h;
}

/*
 * I_x(a, b) given lbeta = ln B(a, b), and in *front x^a (1 - x)^b / B(a, b) (0 outside
 * 0 < x < 1), from which the density is front / (x (1 - x)).
 */
static double beta_cdf_lb(double x, double a, double b, double lbeta, double *front)
{
    *front = 0;
    if (!(x > 0))
        return 0;
    if (!(x < 1))
        return 1;
    double f = exp(a * log(x) + b * log1p(-x) - lbeta);
    *front = f;
    if (x < (a + 1) / (a + b + 2))
        return f * beta_cf(x, a, b) / a;
    return 1 - f * beta_cf(1 - x, b, a) / b;
}

double rng_beta_cdf(double x, double a, double b)
{
    if (!(a > 0 && b > 0) || isnan(x))
        return NAN;
    double front;
    return beta_cdf_lb(x, a, b, log_beta(a, b), &front);
}

/*
 * A starting point for the beta quantile: A&S 26.5.22 (a normal approximation in
 * ln(x / (1 - x))) when a, b >= 1, else the mean.
 */
static double beta_guess(double p, double a, double b)
{
    double g = a / (a + b);
    if (a >= 1 && b >= 1) {
        /* the upper-tail deviate, Q(y) = p: Acklam's approximation is plenty here */
        double y = p < 0.02425       ? -acklam_lower(p)
                   : p > 1 - 0.02425 ? acklam_lower(1 - p)
                                     : -acklam_central(p - 0.5);
        double lambda = (y * y - 3) / 6;
        double h = 2 / (1 / (2 * a - 1) + 1 / (2 * b - 1));
        double w = y * sqrt(h + lambda) / h -
                   (1 / (2 * b - 1) - 1 / (2 * a - 1)) * (lambda + 5.0 / 6 - 2 / (3 * h));
        double x = a / (a + b * exp(2 * w));
        if (x > 0 && x < 1)
            g = x;
    }
    return g;
}

/*
 * The inverse of I_x(a, b) in x, given lbeta = ln B(a, b); 0 < p < 1.  Halley's method
 * converges cubically: once a Halley step is below 1e-9 min(x, 1 - x), the error after it
 * is far below rounding, so the result is returned without evaluating I_x once more.
 */
static double beta_quantile_lb(double p, double a, double b, double lbeta)
{
    double lo = 0, hi = 1, x = beta_guess(p, a, b);
    for (int it = 0; it < 200; it++) {
        double front, e = beta_cdf_lb(x, a, b, lbeta, &front) - p;
        if (e == 0)
            return x;
        if (e < 0)
            lo = x;
        else
            hi = x;
        double pdf = front / (x * (1 - x)), next = 0.5 * (lo + hi);
        bool halley_step = false;
        if (pdf > 0 && isfinite(pdf)) {
            double t = e / pdf;                               /* the Newton step */
            double k = t * ((a - 1) / x - (b - 1) / (1 - x)); /* t f'' / f' */
            halley_step = fabs(k) < 1;
            double step = halley_step ? t / (1 - 0.5 * k) : t;
            if (x - step > lo && x - step < hi)
                next = x - step;
            else
                halley_step = false;
        }
        double change = fabs(next - x), scale = fmin(x, 1 - x); /* resolution near 0 or 1 */
        if ((halley_step && change <= 1e-9 * scale) || change <= 2 * DBL_EPSILON * scale ||
            hi - lo <= 2 * DBL_EPSILON * hi)
            return next;
        x = next;
    }
    return x;
}

double rng_beta_quantile(double p, double a, double b)
{
    if (!(a > 0 && b > 0) || !(p >= 0 && p <= 1))
        return NAN;
    if (p == 0)
        return 0;
    if (p == 1)
        return 1;
    return beta_quantile_lb(p, a, b, log_beta(a, b));
}

/* PERT's beta shapes, the mode first put within lo..hi; needs hi > lo. */
static void pert_shapes(double lo, double mode, double hi, double *alpha, double *beta)
{
    double w = hi - lo;
    mode = clamp(mode, lo, hi);
    *alpha = 1 + 4 * (mode - lo) / w;
    *beta = 1 + 4 * (hi - mode) / w;
}

double rng_inv_pert(double u, double lo, double mode, double hi)
{
    if (!(hi > lo))
        return lo;
    double a, b;
    pert_shapes(lo, mode, hi, &a, &b);
    return clamp(lo + (hi - lo) * rng_beta_quantile(u, a, b), lo, hi);
}

/* ---- gamma, beta and PERT variates ---------------------------------------------------- */

/*
 * Marsaglia and Tsang's gamma(shape >= 1) variate, with d = shape - 1/3 and
 * c = 1 / sqrt(9 d) worked out by the caller.
 */
static double gamma_mt(uint64_t s[4], double d, double c)
{
    for (;;) {
        double x, v;
        do {
            x = zig_normal(s);
            v = 1 + c * x;
        } while (v <= 0);
        v = v * v * v;
        double u = uniform_bits(s), x2 = x * x;
        if (u < 1 - 0.0331 * x2 * x2 || log(u) < 0.5 * x2 + d * (1 - v + log(v)))
            return d * v;
    }
}

double rng_gamma(rng *r, double shape)
{
    if (!(shape > 0) || !isfinite(shape))
        return NAN;
    if (shape < 1) {
        /* gamma(a) = gamma(a + 1) U^(1 / a) */
        double d = shape + 1 - 1.0 / 3;
        double g = gamma_mt(r->s, d, 1 / sqrt(9 * d));
        return g * pow(uniform_bits(r->s), 1 / shape);
    }
    double d = shape - 1.0 / 3;
    return gamma_mt(r->s, d, 1 / sqrt(9 * d));
}

/* A beta(a, b) variate, a, b > 0: X / (X + Y) with X ~ gamma(a), Y ~ gamma(b). */
static double beta_variate(rng *r, double a, double b)
{
    if (!(a > 0 && b > 0))
        return NAN;
    for (;;) {
        double x = rng_gamma(r, a), y = rng_gamma(r, b);
        if (x + y > 0)
            return x / (x + y);
    }
}

double rng_pert(rng *r, double lo, double mode, double hi)
{
    if (!(hi > lo))
        return lo;
    double a, b;
    pert_shapes(lo, mode, hi, &a, &b);
    return clamp(lo + (hi - lo) * beta_variate(r, a, b), lo, hi);
}

/* ---- ranges --------------------------------------------------------------------------- */

/* The parameters of a range's distribution, worked out once for a whole array. */
typedef struct sampler {
    range_dist dist;     /* RANGE_EXACT for any range of zero width; RANGE_NORMAL also for the
                            normal reading of RANGE_INTERVAL90; RANGE_INTERVAL90 means lognormal */
    double lo, mode, hi; /* the bounds; mode within them */
    double loc, scale;   /* normal: mean and sd; lognormal: mu and sigma */
    double a, b;         /* PERT: the beta shapes */
} sampler;

static sampler sampler_of(const range *x)
{
    sampler sp = {.dist = x->dist, .lo = x->lo, .mode = x->mode, .hi = x->hi, .loc = x->mid};
    if (!(x->hi > x->lo) || x->dist == RANGE_EXACT) {
        sp.dist = RANGE_EXACT;
        return sp;
    }
    sp.mode = clamp(x->mode, x->lo, x->hi);
    switch (x->dist) {
    case RANGE_INTERVAL90:
        if (x->lo > 0) {
            double llo = log(x->lo), lhi = log(x->hi);
            sp.loc = (llo + lhi) / 2;
            sp.scale = (lhi - llo) / (2 * RNG_Z95);
            break;
        }
        sp.dist = RANGE_NORMAL;
        /* fall through */
    case RANGE_NORMAL:
        sp.loc = x->mid;
        sp.scale = (x->hi - x->lo) / (2 * RNG_Z95);
        break;
    case RANGE_PERT:
        pert_shapes(x->lo, x->mode, x->hi, &sp.a, &sp.b);
        break;
    case RANGE_UNIFORM:
    case RANGE_TRIANGULAR:
        break;
    default: /* not a distribution: the deterministic value */
        sp.dist = RANGE_EXACT;
        break;
    }
    return sp;
}

void rng_fill(rng *r, const range *x, double *out, size_t n)
{
    sampler sp = sampler_of(x);
    uint64_t s[4] = {r->s[0], r->s[1], r->s[2], r->s[3]};
    switch (sp.dist) {
    case RANGE_EXACT:
    default:
        for (size_t i = 0; i < n; i++)
            out[i] = x->mid;
        break;
    case RANGE_UNIFORM:
        for (size_t i = 0; i < n; i++)
            out[i] = inv_uniform(uniform_bits(s), sp.lo, sp.hi);
        break;
    case RANGE_TRIANGULAR:
        for (size_t i = 0; i < n; i++)
            out[i] = rng_inv_triangular(uniform_bits(s), sp.lo, sp.mode, sp.hi);
        break;
    case RANGE_PERT: {
        double da = sp.a - 1.0 / 3, ca = 1 / sqrt(9 * da);
        double db = sp.b - 1.0 / 3, cb = 1 / sqrt(9 * db);
        for (size_t i = 0; i < n; i++) {
            double ga = gamma_mt(s, da, ca), gb = gamma_mt(s, db, cb);
            out[i] = clamp(sp.lo + (sp.hi - sp.lo) * (ga / (ga + gb)), sp.lo, sp.hi);
        }
        break;
    }
    case RANGE_NORMAL:
        for (size_t i = 0; i < n; i++)
            out[i] = sp.loc + sp.scale * zig_normal(s);
        break;
    case RANGE_INTERVAL90: /* lognormal */
        for (size_t i = 0; i < n; i++)
            out[i] = exp(sp.loc + sp.scale * zig_normal(s));
        break;
    }
    for (int j = 0; j < 4; j++)
        r->s[j] = s[j];
}

void rng_fill_from_uniforms(const range *x, const double *u, double *out, size_t n)
{
    sampler sp = sampler_of(x);
    switch (sp.dist) {
    case RANGE_EXACT:
    default:
        for (size_t i = 0; i < n; i++)
            out[i] = x->mid;
        break;
    case RANGE_UNIFORM:
        for (size_t i = 0; i < n; i++)
            out[i] = inv_uniform(u[i], sp.lo, sp.hi);
        break;
    case RANGE_TRIANGULAR:
        for (size_t i = 0; i < n; i++)
            out[i] = rng_inv_triangular(u[i], sp.lo, sp.mode, sp.hi);
        break;
    case RANGE_PERT: {
        double lbeta = log_beta(sp.a, sp.b);
        for (size_t i = 0; i < n; i++) {
            double p = u[i];
            double q = p > 0 && p < 1 ? beta_quantile_lb(p, sp.a, sp.b, lbeta) : p <= 0 ? 0 : 1;
            out[i] = clamp(sp.lo + (sp.hi - sp.lo) * q, sp.lo, sp.hi);
        }
        break;
    }
    case RANGE_NORMAL:
        for (size_t i = 0; i < n; i++)
            out[i] = inv_normal(u[i], sp.loc, sp.scale);
        break;
    case RANGE_INTERVAL90: /* lognormal */
        for (size_t i = 0; i < n; i++)
            out[i] = inv_lognormal(u[i], sp.loc, sp.scale);
        break;
    }
}
